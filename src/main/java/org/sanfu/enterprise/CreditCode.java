package org.sanfu.enterprise;

import org.sanfu.Message;
import org.sanfu.Typed;

/**
 * The 18-character unified social credit code (统一社会信用代码) of GB 32100-2015.
 * Its 18th character is a check character over the first 17, from a 31-letter alphabet that leaves
 * out I, O, Z, S and V; the weight of position i is 3^i mod 31.
 */
public final class CreditCode {

    /** How many characters a code has (the credit code columns' width): a longer text is nobody's code. */
    public static final int LENGTH = 18;

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    /**
     * The code as stored: trimmed, in upper case and in ASCII, as typed with a Chinese input method's full-width
     * letters and digits or copied with no-break spaces around it ({@link Typed#code}); null stays null.
     */
    public static String normalize(String code) {
        return Typed.code(code);
    }

    /** Whether a normalized code is made of the code's characters only (of any length; null is not). */
    public static boolean inAlphabet(String code) {
        return code != null && code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    /** Why a normalized code is not valid, or null when it is. */
    public static Message problem(String code) {
        if (code == null || code.isEmpty()) {
            return Message.of("sanfu.validation.not-blank");
        }
        if (code.length() != LENGTH) {
            return Message.of("sanfu.credit-code.length");
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return Message.of("sanfu.credit-code.character", "position", i + 1, "character", code.charAt(i));
            }
        }
        if (code.charAt(LENGTH - 1) != checkCharacter(code.substring(0, LENGTH - 1))) {
            return Message.of("sanfu.credit-code.check");
        }
        return null;
    }

    public static boolean isValid(String code) {
        return problem(code) == null;
    }

    /** The check character for the first 17 characters of a code. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }
}
