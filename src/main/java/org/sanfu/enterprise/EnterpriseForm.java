package org.sanfu.enterprise;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Optional;
import java.util.function.Function;
import org.sanfu.Message;
import org.sanfu.Typed;
import org.sanfu.security.PersonDetails;
import org.sanfu.security.Role;
import org.sanfu.web.InvalidInput;

/**
 * What a client sends to create or import an enterprise. (addition) {@code contactName} and {@code contactPhone}, the
 * enterprise's 联系人 and 联系电话, read and refused as an account's name and telephone are (PersonDetails).
 */
public record EnterpriseForm(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String creditCode,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
        String town,
        String industry,
        Boolean exporter,
        Boolean key,
        String specialist,
        String contactName,
        String contactPhone) {

    /** The longest name and town a file takes (the enterprise table's columns). */
    public static final int NAME_MAX = 200;
    public static final int TOWN_MAX = 100;

    EnterpriseForm normalized() {
        String user = Typed.folded(specialist);
        String phone = Typed.folded(contactPhone);
        return new EnterpriseForm(CreditCode.normalize(creditCode), trim(name), trim(town), trim(industry),
                exporter, key, user == null || user.isEmpty() ? null : user, trim(contactName),
                phone == null || phone.isEmpty() ? null : phone);
    }

    /** The form's faults; {@code roleOf} the role of the account a user name is, empty when none is. */
    void check(InvalidInput.Collector errors, Function<String, Optional<Role>> roleOf) {
        Message codeProblem = CreditCode.problem(creditCode);
        if (codeProblem != null) {
            errors.add("creditCode", codeProblem);
        }
        errors.requireText("name", name, NAME_MAX);
        errors.optionalText("town", town, TOWN_MAX);
        errors.optionalText("industry", industry, 100);
        Optional<Role> role = specialist == null ? Optional.empty() : roleOf.apply(specialist);
        // the name read said back, as every other fault of an import's line says its value; an account of another
        // role is no typo, and is said to be that account, not none
        if (specialist != null && role.isEmpty()) {
            errors.add("specialist", Message.of("sanfu.enterprise.specialist", "specialist",
                    EnterpriseImport.shown(specialist)));
        } else if (role.isPresent() && role.get() != Role.STAFF) {
            errors.add("specialist", Message.of("sanfu.enterprise.specialist-not-staff", "specialist", specialist,
                    "role", Message.of("sanfu.role." + role.get().name())));
        }
        PersonDetails.name(contactName, "contactName", errors);
        PersonDetails.telephone(contactPhone, "contactPhone", errors);
    }

    /**
     * Spaces around a value go, as {@link Typed#trimmed} takes them (Unicode's space separators, the no-break and
     * the ideographic ones too, and the zero-width characters copying leaves), the same at filing and at looking a
     * name up; null for none left. A control character stays for the check to refuse rather than vanish unnoticed.
     */
    static String trim(String s) {
        String trimmed = Typed.trimmed(s);
        return trimmed == null || trimmed.isEmpty() ? null : trimmed;
    }
}
