package org.sanfu.security;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Whether the page being drawn is for a session whose person must first choose their own password (PasswordChangeFirst):
 * the top bar then leaves out its navigation, each of whose links would only lead back to /account. Read from the mark
 * SignedInAccountCheck put on the request, so that any page drawn in that state (/account, a refused form's error page)
 * agrees with the filter that sends the others there.
 */
@Component("passwordChangePending")
public class PasswordChangePending {

    public boolean now() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request != null && Boolean.TRUE.equals(request.getAttribute(
                SignedInAccountCheck.PASSWORD_CHANGE_REQUIRED, RequestAttributes.SCOPE_REQUEST));
    }
}
