package org.sanfu.channel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The channels' credentials: random keys and secrets (256 bits), the key kept as a SHA-256 digest only,
 * the secret kept so that the service can sign callbacks with it: AES-GCM encrypted with
 * {@code sanfu.channels.secret-key} ("aes:" + base64 of IV and ciphertext), or, without that setting,
 * as it is ("plain:" + secret, with a warning at start). And the signature of a callback's body.
 */
@Component
class ChannelSecrets {

    private static final Logger log = LoggerFactory.getLogger(ChannelSecrets.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    ChannelSecrets(ChannelProperties properties) {
        String configured = properties.secretKey();
        if (configured == null || configured.isBlank()) {
            this.key = null;
            log.warn("sanfu.channels.secret-key is not set: channels' callback secrets are kept unencrypted in the "
                    + "database; set it (base64 of 32 random bytes) in production");
        } else {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(configured.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("sanfu.channels.secret-key is no base64", e);
            }
            if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
                throw new IllegalStateException("sanfu.channels.secret-key must be 16, 24 or 32 bytes, is " + raw.length);
            }
            this.key = new SecretKeySpec(raw, "AES");
        }
    }

    /** Whether a secret is sealed encrypted (sanfu.channels.secret-key is set), rather than kept as it is. */
    boolean encrypts() {
        return key != null;
    }

    /** A new key or secret: 32 random bytes, base64url without padding (43 characters). */
    String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 digest of a key or secret, hex: what is stored of a key. */
    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether two digests are equal, in time that does not depend on where they differ. */
    static boolean sameDigest(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }

    String seal(String secret) {
        if (key == null) {
            return "plain:" + secret;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return "aes:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a channel's secret", e);
        }
    }

    /** The secret of a stored value; fails when it was encrypted with another key or none is configured. */
    String open(String stored) {
        if (stored.startsWith("plain:")) {
            return stored.substring("plain:".length());
        }
        if (!stored.startsWith("aes:") || key == null) {
            throw new IllegalStateException("the channel's secret cannot be read: sanfu.channels.secret-key is not set");
        }
        try {
            byte[] raw = Base64.getDecoder().decode(stored.substring("aes:".length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
            return new String(cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the channel's secret cannot be read with sanfu.channels.secret-key", e);
        }
    }

    /** X-Sanfu-Signature: "sha256=" and the lower-case hex HMAC-SHA256 of the body's exact bytes. */
    static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
