package org.sanfu.ticket;

/** The enterprise's feedback (满意 / 基本满意 / 不满意), or UNRATED when it gave none in time. */
public enum Satisfaction {
    SATISFIED, BASICALLY_SATISFIED, DISSATISFIED, UNRATED
}
