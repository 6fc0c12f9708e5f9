package org.sanfu.enterprise;

import io.swagger.v3.oas.annotations.media.Schema;
import org.sanfu.Message;
import org.sanfu.web.InvalidInput;

/** What a client sends to create or import an enterprise. */
public record EnterpriseForm(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String creditCode,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
        String town,
        String industry,
        Boolean exporter,
        Boolean key,
        String specialist) {

    /** The longest name and town a file takes (the enterprise table's columns). */
    public static final int NAME_MAX = 200;
    public static final int TOWN_MAX = 100;

    EnterpriseForm normalized() {
        return new EnterpriseForm(CreditCode.normalize(creditCode), trim(name), trim(town), trim(industry),
                exporter, key, trim(specialist));
    }

    void check(InvalidInput.Collector errors, java.util.function.Predicate<String> isStaff) {
        Message codeProblem = CreditCode.problem(creditCode);
        if (codeProblem != null) {
            errors.add("creditCode", codeProblem);
        }
        errors.requireText("name", name, NAME_MAX);
        errors.optionalText("town", town, TOWN_MAX);
        errors.optionalText("industry", industry, 100);
        if (specialist != null && !isStaff.test(specialist)) {
            errors.add("specialist", Message.of("sanfu.enterprise.specialist"));
        }
    }

    /**
     * Spaces around a value go (those of Unicode's space separators, the ideographic one too); a control
     * character stays for the check to refuse rather than vanish unnoticed, as {@code strip()} would.
     */
    static String trim(String s) {
        String trimmed = s == null ? "" : s.replaceAll("^\\p{Zs}+|\\p{Zs}+$", "");
        return trimmed.isEmpty() ? null : trimmed;
    }
}
