package org.sanfu.enterprise;

/** How the enterprise is operating, as the visiting staff saw it (经营情况). */
public enum OperatingStatus {
    NORMAL, WATCH, ABNORMAL
}
