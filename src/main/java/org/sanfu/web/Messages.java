package org.sanfu.web;

import java.util.List;
import java.util.Locale;
import org.sanfu.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;

/**
 * Words a {@link Message} from the MessageSource: in the request's language ({@link Languages}) by
 * default, or in the one given. Placeholders are filled by name ({id}, {values}), as Bean Validation
 * fills its own, so one convention holds for the whole of messages.properties.
 */
@Component
public class Messages {

    private static final Logger log = LoggerFactory.getLogger(Messages.class);

    private static final String LIST_SEPARATOR = "sanfu.list.separator";

    private final MessageSource source;

    Messages(MessageSource source) {
        this.source = source;
    }

    /** In the language of the request being answered (Chinese for pages; the API's by Accept-Language). */
    public String text(Message message) {
        return text(message, LocaleContextHolder.getLocale());
    }

    public String text(Message message, Locale locale) {
        if (message.text() != null) {
            return message.text();
        }
        // without arguments the MessageSource hands the text over as written: no MessageFormat, no quoting rules
        String template = source.getMessage(message.code(), null, null, locale);
        if (template == null) {
            log.warn("no message {} in messages.properties; answering in English", message.code());
            return message.english();
        }
        // a list as the language writes one: 服务专员、专班办公室 in Chinese, STAFF, DISPATCH in English
        String separator = source.getMessage(LIST_SEPARATOR, null, ", ", locale);
        return message.fill(template, nested -> text(nested, locale), separator);
    }

    /** The fields at fault, each reason worded in the request's language. */
    public List<InvalidInput.FieldError> errors(InvalidInput invalid) {
        return errors(invalid, LocaleContextHolder.getLocale());
    }

    public List<InvalidInput.FieldError> errors(InvalidInput invalid, Locale locale) {
        return invalid.faults().stream()
                .map(f -> new InvalidInput.FieldError(f.field(), text(f.reason(), locale)))
                .toList();
    }

    /** A problem's title: {@code sanfu.problem.title.<status>}, else the generic one with the status. */
    public String title(HttpStatusCode status, Locale locale) {
        String title = source.getMessage("sanfu.problem.title." + status.value(), null, null, locale);
        return title != null ? title : text(Message.of("sanfu.problem.title", "status", status.value()), locale);
    }
}
