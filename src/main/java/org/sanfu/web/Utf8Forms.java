package org.sanfu.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page's form (application/x-www-form-urlencoded) must be well-formed UTF-8, as an API body must be
 * ({@link Utf8Bodies}): Tomcat turns bytes that are no UTF-8 into U+FFFD and the action goes ahead, so
 * a comment or an enterprise's feedback would be stored other than as sent. Such a form is answered with
 * the Chinese 400 page before anything reads it (the CSRF check included), and changes nothing. A good
 * one is read here, strictly, and its fields (the query's first, as the servlet API orders them) are what
 * the request's parameters answer. Bodies over {@code sanfu.max-body-bytes} are left to the 413 of
 * OversizedPageRequests. In the page chains of SecurityConfig, before the CSRF check, so that its pages
 * carry the pages' security headers; the API (forms there are 415, JsonOnlyWrites) and Camunda's apps
 * are not forms.
 */
public final class Utf8Forms extends OncePerRequestFilter {

    /** As Tomcat's own limit on a request's parameters. */
    static final int MAX_FIELDS = 10_000;

    private final long limit;
    private final String limitInWords;
    private final ErrorPages errorPages;
    private final MessageSource messages;

    /** @param limitInWords the limit as the 413 page says it ("1 MB") */
    public Utf8Forms(long limit, String limitInWords, ErrorPages errorPages, MessageSource messages) {
        this.limit = limit;
        this.limitInWords = limitInWords;
        this.errorPages = errorPages;
        this.messages = messages;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getContentType() == null || !isForm(request.getContentType())
                || request.getContentLengthLong() > limit;
    }

    private static boolean isForm(String contentType) {
        try {
            return MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = read(request.getInputStream());
        if (body.length > limit) {
            // sent without a length (chunked): refused as OversizedPageRequests refuses one that declares it
            errorPages.render(request, response, HttpStatus.PAYLOAD_TOO_LARGE, messages.getMessage("page.too-large",
                    new Object[] {limitInWords}, Locale.SIMPLIFIED_CHINESE));
            return;
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        try {
            parse(request.getQueryString(), fields);
            parse(new String(body, StandardCharsets.ISO_8859_1), fields);
        } catch (CharacterCodingException | IllegalArgumentException e) {
            errorPages.render(request, response, HttpStatus.BAD_REQUEST,
                    messages.getMessage("page.malformed-form", null, Locale.SIMPLIFIED_CHINESE));
            return;
        }
        // nothing in the body: the parameters stay the container's (the query's, checked above)
        chain.doFilter(body.length == 0 ? request : new ReadFormRequest(request, body, fields), response);
    }

    private byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0 && out.size() <= limit) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Adds the fields of {@code a=1&b=%E4%B8%AD} (each byte a char of the text; '+' a space): the
     * percent-escapes and raw bytes of each name and value must make well-formed UTF-8.
     */
    static void parse(String encoded, Map<String, List<String>> fields) throws CharacterCodingException {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        String[] pairs = encoded.split("&");
        if (pairs.length > MAX_FIELDS) {
            throw new IllegalArgumentException("more than " + MAX_FIELDS + " fields");
        }
        for (String pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
    }

    private static String decode(String part) throws CharacterCodingException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < part.length() && hex(part.charAt(i + 1)) >= 0
                    && hex(part.charAt(i + 2)) >= 0) {
                bytes.write(hex(part.charAt(i + 1)) * 16 + hex(part.charAt(i + 2)));
                i += 2;
            } else if (c == '%') {
                throw new IllegalArgumentException("a % without two hex digits");
            } else {
                bytes.write(c); // the body's raw byte (read as ISO-8859-1, one char per byte)
            }
        }
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                .toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
