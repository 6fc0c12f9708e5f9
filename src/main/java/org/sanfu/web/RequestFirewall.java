package org.sanfu.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import java.util.List;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall, for {@link RejectedRequests} and the security filters alike, with
 * its own rules for header names, header values and parameter names checked character by character.
 * Its defaults are regular expressions matched on every header read, several times a request: under
 * load they cost more than a fiftieth of the service's CPU. The rules are the same ones
 * (RequestFirewallUnitTests compares them): every character assigned in Unicode and none a control
 * character, but a tab in a header's value.
 */
@Configuration(proxyBeanMethods = false)
class RequestFirewall {

    /** The methods the service takes (the strict firewall's own); any other is 405 ({@link RejectedRequests}). */
    static final List<String> METHODS = List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHttpMethods(METHODS);
        firewall.setAllowedHeaderNames(RequestFirewall::assignedNoControl);
        firewall.setAllowedHeaderValues(RequestFirewall::assignedNoControlButTab);
        firewall.setAllowedParameterNames(RequestFirewall::assignedNoControl);
        return firewall;
    }

    static boolean assignedNoControl(String text) {
        return assignedAndNotControl(text, false);
    }

    static boolean assignedNoControlButTab(String text) {
        return assignedAndNotControl(text, true);
    }

    private static boolean assignedAndNotControl(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c < 0x20 || c >= 0x7f) { // printable ASCII needs no look-up
                int type = Character.getType(c);
                if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tabAllowed && c == '\t')) {
                    return false;
                }
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
