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

    EnterpriseForm normalized() {
        return new EnterpriseForm(CreditCode.normalize(creditCode), trim(name), trim(town), trim(industry),
                exporter, key, trim(specialist));
    }

    void check(InvalidInput.Collector errors, java.util.function.Predicate<String> isStaff) {
        Message codeProblem = CreditCode.problem(creditCode);
        if (codeProblem != null) {
            errors.add("creditCode", codeProblem);
        }
        errors.requireText("name", name, 200);
        errors.maxLength("town", town, 100);
        errors.maxLength("industry", industry, 100);
        if (specialist != null && !isStaff.test(specialist)) {
            errors.add("specialist", Message.of("sanfu.enterprise.specialist"));
        }
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
