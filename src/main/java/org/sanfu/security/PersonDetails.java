package org.sanfu.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanfu.Message;
import org.sanfu.Typed;
import org.sanfu.web.InvalidInput;

/**
 * A person's name (姓名) and telephone as the service reads them wherever they are typed: an account's (its
 * {@code displayName} and {@code phone}) and an enterprise's contact (联系人, 联系电话). One rule for both, so that a
 * number /admin takes is one an enterprise's file takes, and the same words refuse it.
 */
public final class PersonDetails {

    /** The longest telephone, in characters. */
    public static final int MAX_PHONE = 32;
    /** The longest person's name, in characters. */
    public static final int MAX_NAME = 32;

    static final String NAME_TOO_LONG = "sanfu.accounts.display-name.too-long";
    static final String NAME_NOT_TEXT = "sanfu.accounts.display-name.not-text";
    static final String PHONE_TOO_LONG = "sanfu.accounts.phone.too-long";
    static final String PHONE_NOT_A_NUMBER = "sanfu.accounts.phone.not-a-number";
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9()\\- ]+( ?转 ?[0-9]+)?");
    /**
     * A mainland mobile number: 11 digits, the first 1; after China's country code when it is written (+86, 86,
     * 0086, bracketed or not), which is dropped: 13800001234 is what a phone on a mainland network texts.
     */
    private static final Pattern MOBILE = Pattern.compile("(?:\\+86|0086|86|\\(\\+?86\\)|\\(0086\\))?(1[0-9]{10})");

    private PersonDetails() {
    }

    /**
     * The telephone as meant ({@link Typed#folded}: full-width digits, brackets and hyphens of a Chinese input method as
     * ASCII, spaces around it gone), null for blank. As people write one: digits with spaces, hyphens, a leading +,
     * brackets round an area code and 转 before an extension (0576-8888 1234 转 8001); at least five digits,
     * at most {@link #MAX_PHONE} characters; else a fault of {@code field}.
     */
    public static String telephone(String phone, String field, InvalidInput.Collector errors) {
        String number = phone == null ? "" : Typed.folded(phone);
        if (number.isEmpty()) {
            return null;
        }
        if (number.length() > MAX_PHONE) {
            errors.add(field, Message.of(PHONE_TOO_LONG));
        } else if (!PHONE.matcher(number).matches() || number.chars().filter(Character::isDigit).count() < 5) {
            errors.add(field, Message.of(PHONE_NOT_A_NUMBER));
        }
        return number;
    }

    /**
     * The name as meant, null for blank: a name, so only its ends lose their spaces, a no-break or zero-width one
     * pasted with it too (Typed.trimmed); too long, or with a control or formatting character, is a fault of
     * {@code field}.
     */
    public static String name(String name, String field, InvalidInput.Collector errors) {
        String trimmed = name == null ? "" : Typed.trimmed(name);
        if (trimmed.isEmpty()) {
            return null;
        }
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_NAME) {
            errors.add(field, Message.of(NAME_TOO_LONG));
        } else if (trimmed.codePoints().anyMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE)) {
            errors.add(field, Message.of(NAME_NOT_TEXT));
        }
        return trimmed;
    }

    /**
     * A telephone as a link dials it (tel:0576-88881234,8001): without spaces, an extension after a pause (the 转
     * people write); null without one.
     */
    public static String dialling(String phone) {
        return phone == null ? null : "tel:" + phone.replace(" ", "").replace("转", ",");
    }

    /**
     * The mobile number an SMS can go to (13800001234), when the telephone is one: 11 digits starting with 1, written
     * with spaces or hyphens between them or not (138-0000-1234), China's country code before them or not (+86 138…,
     * 86-138…, +86138…, 0086 138…); null for a landline, one with an extension or another country's code, or none.
     * The 11 digits, not +86 and them: iOS's and Android's messages apps both text either from a mainland SIM, and
     * the 11 digits are the number as people write and save it, so the text joins the conversation already held with
     * that contact; a + in a link is also read as a space by whatever decodes it as form data.
     */
    public static String mobile(String phone) {
        if (phone == null) {
            return null;
        }
        Matcher digits = MOBILE.matcher(phone.replace(" ", "").replace("-", ""));
        return digits.matches() ? digits.group(1) : null;
    }
}
