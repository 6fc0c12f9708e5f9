package org.sanfu.feedback;

/**
 * A way of handing an enterprise its feedback link: the port an SMS gateway's adapter implements (it
 * finds the enterprise's mobile number by the credit code), as {@link ChatWebhookLinkSender} does for a
 * group chat. Called only after the link's transaction has committed; it may throw or fail, which is
 * logged, and the link stays valid (staff can still pass it on by hand).
 */
public interface FeedbackLinkSender {

    void send(FeedbackLinkMessage message);
}
