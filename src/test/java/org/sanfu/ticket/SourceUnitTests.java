package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which sources are entries dispatch logs (热线诉求, 网上诉求), asked by intake's rule and the pages' words alike. */
class SourceUnitTests {

    @Test
    void hotlineAndOnlineAreEntriesAVisitAndAForumAreNot() {
        assertThat(Source.HOTLINE.isEntry()).isTrue();
        assertThat(Source.ONLINE.isEntry()).isTrue();
        assertThat(Source.VISIT.isEntry()).isFalse();
        assertThat(Source.FORUM.isEntry()).isFalse();
    }

    @Test
    void aTicketsSourceIsAnEntryOnlyByThoseTwoNames() {
        assertThat(Source.isEntry("HOTLINE")).isTrue();
        assertThat(Source.isEntry("ONLINE")).isTrue();
        // a channel's code (a 12345 hotline filing by machine) came in by machine, not by dispatch's hand
        assertThat(Source.isEntry("HOTLINE_12345")).isFalse();
        assertThat(Source.isEntry("SYSTEMIC")).isFalse();
        assertThat(Source.isEntry(null)).isFalse();
    }
}
