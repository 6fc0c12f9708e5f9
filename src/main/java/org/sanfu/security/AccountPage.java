package org.sanfu.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.sanfu.catalog.Catalog;
import org.sanfu.web.FormErrors;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.Page;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * {@code /account} (every signed-in person, templates/account.html; the name in the top bar leads here): who the
 * person is (name, user name, role, department) and 修改密码 ({@link ChangingOwnPassword}). A refused form shows the
 * page again with 400 and each message by its field, no password echoed; a change redirects (303) here with
 * 密码已修改. This session stays signed in with the new password; the person's other sessions end.
 */
@Page
class AccountPage {

    static final String PASSWORD_FORM = "/account/password";

    private final Accounts accounts;
    private final ChangingOwnPassword passwords;
    private final People people;
    private final Catalog catalog;
    private final FormErrors formErrors;
    private final MessageSource texts;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    AccountPage(Accounts accounts, ChangingOwnPassword passwords, People people, Catalog catalog,
            FormErrors formErrors, MessageSource texts) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.people = people;
        this.catalog = catalog;
        this.formErrors = formErrors;
        this.texts = texts;
    }

    @GetMapping(PasswordChangeFirst.ACCOUNT_PAGE)
    ModelAndView account(Caller caller) {
        return page(caller, Map.of(), HttpStatus.OK);
    }

    @PostMapping(PASSWORD_FORM)
    ModelAndView changePassword(Caller caller, @RequestParam(required = false) String currentPassword,
            @RequestParam(required = false) String newPassword, @RequestParam(required = false) String confirmPassword,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes flash) {
        try {
            passwords.change(caller, request.getRemoteAddr(), currentPassword, newPassword,
                    confirmPassword == null ? "" : confirmPassword);
        } catch (InvalidInput refused) {
            return page(caller, formErrors.of(refused), HttpStatus.BAD_REQUEST);
        }
        keepThisSession(caller, request, response);
        flash.addFlashAttribute("flash", texts.getMessage("page.account.password-changed", null,
                Locale.SIMPLIFIED_CHINESE));
        RedirectView back = new RedirectView(PasswordChangeFirst.ACCOUNT_PAGE, true);
        back.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(back);
    }

    /**
     * The session signed in with the new password's hash, so that SignedInAccountCheck keeps it, while it ends
     * every other session of the person's (theirs hold the old hash). It goes on under a new id: a person who
     * changes the password because someone else may have got in must not leave this session's old cookie working
     * (OWASP: renew the session id when the credentials change), and other sessions end anyway.
     */
    private void keepThisSession(Caller caller, HttpServletRequest request, HttpServletResponse response) {
        request.changeSessionId();
        SignedInAccountCheck.signInAgain(SanfuUser.of(accounts.find(caller.username()).orElseThrow()),
                SecurityContextHolder.getContext().getAuthentication(), sessions, request, response);
    }

    private ModelAndView page(Caller caller, Map<String, String> errors, HttpStatus status) {
        Accounts.Account account = accounts.find(caller.username()).orElseThrow();
        ModelAndView page = new ModelAndView("account", status);
        page.addObject("username", account.username());
        page.addObject("personName", people.name(account.username()));
        page.addObject("role", account.role());
        page.addObject("department", account.role() == Role.DEPT && account.department() != null
                ? catalog.departmentLabel(account.department()) : null);
        page.addObject("mustChange", account.passwordChangeRequired());
        page.addObject("minPassword", AccountAdministration.MIN_PASSWORD_LENGTH);
        page.addObject("errors", errors);
        return page;
    }
}
