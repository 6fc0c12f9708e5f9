package org.sanfu.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The links' tokens: 32 bytes (256 bits) from SecureRandom, URL-safe Base64 without padding (43
 * characters). Only their SHA-256 is stored: a token has the entropy of a key, so an unsalted fast hash is
 * enough to make the table useless to whoever reads it, and it lets a link be found by its hash.
 */
final class FeedbackTokens {

    static final int BYTES = 32;
    /** A token's length: 32 bytes in Base64 without padding. */
    static final int LENGTH = 43;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private FeedbackTokens() {
    }

    static String next() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether this could be a token at all; anything else names no link and is never looked up. */
    static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /**
     * What a chat app or a sentence may glue to a link: a space (also the no-break and the ideographic one) and the
     * punctuation that ends or encloses it, ASCII and full-width. None of them is a token's character.
     */
    private static final String GLUED = " \u00a0\u3000.,;:!?)]}>'\"`。，、；：！？）】》」』〉〕”’…．";

    /**
     * The token of a link with such characters glued after it ({@code <43 characters>。}), or null when the
     * segment is a token as it is, too short, or holds anything else after its first 43 characters.
     */
    static String beforeGlued(String segment) {
        if (segment == null || segment.length() <= LENGTH || !wellFormed(segment.substring(0, LENGTH))) {
            return null;
        }
        for (int i = LENGTH; i < segment.length(); i++) {
            if (GLUED.indexOf(segment.charAt(i)) < 0) {
                return null;
            }
        }
        return segment.substring(0, LENGTH);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
