/**
 * The enterprise's own voice (issue 14): one-time feedback links (一次性回访链接). Service staff or the
 * task-force office issue a link for a replied ticket ({@code POST /api/tickets/{id}/feedback-link}, or the
 * ticket page's 生成回访链接); the enterprise opens {@code /f/{token}} on a phone without an account, sees
 * the reply and rates it, and the feedback is recorded exactly as the ticket's feedback action records it
 * (ticket.TicketActions#feedbackFromEnterprise). Tokens are random (256 bits), kept only as their SHA-256,
 * spent once, voided by a newer link and dead at the end of the feedback window. A link may be handed out
 * through a {@link org.sanfu.feedback.FeedbackLinkSender} (a chat robot here; an SMS gateway's adapter
 * implements the same port), after the issuing transaction committed.
 */
package org.sanfu.feedback;
