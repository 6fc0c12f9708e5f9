package org.sanfu.security;

/** What a signed-in user is in the loop (API.md "Sign-in"). */
public enum Role {
    /** Service staff: visit enterprises, log problems, record feedback. */
    STAFF,
    /** The task-force office: triage, assign, approve extensions, escalate; record feedback on its entries. */
    DISPATCH,
    /** A handling department, bound to one department code. */
    DEPT,
    /** Reads everything, supervises. */
    LEADER,
    /** Enterprises, departments, users, configuration. */
    ADMIN
}
