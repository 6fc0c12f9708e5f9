package org.sanfu.ticket.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sanfu.Bundles;
import org.sanfu.ticket.TicketEvent;
import org.sanfu.ticket.TicketStatus;

/** A history event's text on the ticket page: the API's codes named in Chinese, wherever the audit trail puts them. */
class EventTextUnitTests {

    private final EventText eventText = new EventText(Bundles.bootLike());

    @Test
    void aRepliesOutcomeIsNamedInChinese() {
        assertThat(eventText.of(event("reply", "[PARTIAL] 已协调船公司"))).isEqualTo("【部分解决】已协调船公司");
    }

    @Test
    void aSystemicCasesReplyToItsMembersNamesTheOutcomeInChineseAfterItsLeadIn() {
        assertThat(eventText.of(event("reply", "共性问题统一答复（牵头事项 47）：[RESOLVED] 市里统一协调增开舱位")))
                .isEqualTo("共性问题统一答复（牵头事项 47）：【已解决】市里统一协调增开舱位");
        assertThat(eventText.of(event("case-replied", "牵头事项 47 已答复：[CANNOT_RESOLVE] 政策不允许；本事项的流程版本早于共性问题统一答复")))
                .isEqualTo("牵头事项 47 已答复：【无法解决】政策不允许；本事项的流程版本早于共性问题统一答复");
    }

    @Test
    void aLeadInWithBracketsOfItsOwnIsNoOutcomeAndACommentTypedLikeACasesReplyIsLeftAsTyped() {
        assertThat(eventText.of(event("comment", "备注：[RESOLVED] 已核实"))).isEqualTo("备注：[RESOLVED] 已核实");
        assertThat(eventText.of(event("comment", "见附件 [1]：[RESOLVED] 原文"))).isEqualTo("见附件 [1]：[RESOLVED] 原文");
    }

    private static TicketEvent event(String action, String detail) {
        return new TicketEvent(Instant.parse("2026-12-07T02:00:00Z"), TicketEvent.SYSTEM, action,
                TicketStatus.IN_PROGRESS, TicketStatus.REPLIED, detail);
    }
}
