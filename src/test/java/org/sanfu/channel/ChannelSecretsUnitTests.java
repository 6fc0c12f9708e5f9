package org.sanfu.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A channel's credentials: tokens, digests, the secret sealed and opened, and the callback's signature. */
class ChannelSecretsUnitTests {

    static ChannelProperties settings(String key) {
        return new ChannelProperties(key, Duration.ofSeconds(10), List.of(Duration.ofMinutes(1)), Duration.ofSeconds(15), List.of(),
                Duration.ofHours(24), Duration.ofDays(30));
    }

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void theSignatureIsTheHexHmacSha256OfTheBody() {
        // RFC 4231, test case 2
        assertThat(ChannelSecrets.sign("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8), "Jefe"))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void tokensAreRandom256BitsAndDigestsCompareExactly() {
        ChannelSecrets secrets = new ChannelSecrets(settings(KEY));
        String a = secrets.newToken();
        assertThat(a).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(secrets.newToken());
        assertThat(ChannelSecrets.digest(a)).hasSize(64).isEqualTo(ChannelSecrets.digest(a));
        assertThat(ChannelSecrets.sameDigest(ChannelSecrets.digest(a), ChannelSecrets.digest(a + "x"))).isFalse();
        assertThat(ChannelSecrets.sameDigest(ChannelSecrets.digest(a), ChannelSecrets.digest(a))).isTrue();
        assertThat(ChannelSecrets.sameDigest(null, ChannelSecrets.digest(a))).isFalse();
    }

    @Test
    void aSecretIsSealedWithTheConfiguredKeyAndOpensOnlyWithIt() {
        ChannelSecrets secrets = new ChannelSecrets(settings(KEY));
        String sealed = secrets.seal("the secret");
        assertThat(sealed).startsWith("aes:").doesNotContain("the secret").isNotEqualTo(secrets.seal("the secret"));
        assertThat(secrets.open(sealed)).isEqualTo("the secret");
        byte[] other = new byte[32];
        other[0] = 1;
        ChannelSecrets otherKey = new ChannelSecrets(settings(Base64.getEncoder().encodeToString(other)));
        assertThatThrownBy(() -> otherKey.open(sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ChannelSecrets(settings(null)).open(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutAKeyTheSecretIsKeptReadableAndSaysSo() {
        ChannelSecrets plain = new ChannelSecrets(settings(" "));
        assertThat(plain.seal("s")).isEqualTo("plain:s");
        assertThat(plain.open("plain:s")).isEqualTo("s");
    }

    @Test
    void aBadKeySettingStopsTheStart() {
        assertThatThrownBy(() -> new ChannelSecrets(settings("not base64!"))).hasMessageContaining("sanfu.channels.secret-key");
        assertThatThrownBy(() -> new ChannelSecrets(settings(Base64.getEncoder().encodeToString(new byte[10]))))
                .hasMessageContaining("16, 24 or 32");
    }
}
