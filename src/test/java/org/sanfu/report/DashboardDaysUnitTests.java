package org.sanfu.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** 办结时长中位数 on the dashboard: the API's hours in days, as leaders count a ticket's life. */
class DashboardDaysUnitTests {

    @Test
    void hoursAreShownAsDaysToATenthWithoutANeedlessPointZero() {
        assertThat(Dashboard.days(170.2)).isEqualTo("7.1");
        assertThat(Dashboard.days(168.0)).isEqualTo("7");
        assertThat(Dashboard.days(36.0)).isEqualTo("1.5");
        assertThat(Dashboard.days(1.0)).as("an hour is not nothing").isEqualTo("不足 0.1");
        // the API's hours to a tenth: 0.0 is a median under three minutes, with tickets closed (none is null)
        assertThat(Dashboard.days(0.0)).as("tickets closed within minutes").isEqualTo("不足 0.1");
        assertThat(Dashboard.days(null)).isEqualTo("—");
        // a half rounds up, counted in decimal: 110336.4 / 24 is 4597.35, which doubles divide to 4597.3499…
        assertThat(Dashboard.days(110336.4)).isEqualTo("4597.4");
    }
}
