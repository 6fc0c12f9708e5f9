package org.sanfu.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.sanfu.DomainException;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page that meets a refused record answers with the Chinese error page (templates/error.html) and
 * the API's status: 404 for an unknown id, 403 for someone else's, 409 for an action the state does
 * not allow, 400 for input no form field can show. Forms catch their own 400 to show it by the field.
 * Before {@link ProblemAdvice}, which answers the API's controllers.
 */
@ControllerAdvice(annotations = Page.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageAdvice {

    private final Messages messages;
    private final MessageSource words;

    PageAdvice(Messages messages, MessageSource words) {
        this.messages = messages;
        this.words = words;
    }

    @ExceptionHandler(DomainException.class)
    ModelAndView refused(DomainException e, HttpServletResponse response) {
        HttpStatus status = e instanceof DomainException.NotFound ? HttpStatus.NOT_FOUND
                : e instanceof DomainException.NotYours ? HttpStatus.FORBIDDEN
                : e instanceof DomainException.NotNow ? HttpStatus.CONFLICT
                : e instanceof InvalidInput ? HttpStatus.BAD_REQUEST : null;
        if (status == null) {
            throw e;
        }
        if (e instanceof InvalidInput invalid && !invalid.faults().isEmpty()) {
            // every parameter at fault, each by its Chinese name where it has one (周, 格式), as the forms name their
            // inputs: a link with two faults named one at a time would be refused again once the first was mended
            return error(status, invalid.faults().stream().map(this::said).distinct().toList());
        }
        return error(status, List.of(messages.text(e.detail(), Locale.SIMPLIFIED_CHINESE)));
    }

    /** A fault in the page's words: 页码：必须是 0 到 500 之间的整数（…）. */
    private String said(InvalidInput.Fault fault) {
        String field = InvalidInput.rootField(fault.field());
        String label = words.getMessage("page.field." + field, null, fault.field(), Locale.SIMPLIFIED_CHINESE);
        return label + "：" + messages.text(fault.reason(), Locale.SIMPLIFIED_CHINESE);
    }

    /** The error page with this status; the reasons, each in its own line, under the page's own text. */
    private static ModelAndView error(HttpStatus status, List<String> reasons) {
        ModelAndView page = new ModelAndView("error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("reasons", reasons);
        return page;
    }
}
