package org.sanfu.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.core.Ordered;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session outlives the release that wrote it: Spring Session JDBC keeps each attribute Java-serialized in the
 * database, and reads it back when a request asks for it. An attribute whose class a later release renamed, moved or
 * changed could not be read, and Spring Session's conversion threw on every request that asked (who signed in is asked
 * on every page): each of that user's requests was an error until the session expired. Here such an attribute reads
 * as none: the session goes on signed out and with nothing kept, as if it had just begun, and the sign-in writes over
 * it. What the workbench itself keeps in a session is in the JDK's types alone (KeptForms, the /f thanks, the flash
 * messages), so that an upgrade reads it; who signed in is Spring Security's context, which holds the account
 * ({@link SanfuUser}): a release that changes that class signs its sessions out once, by this rule.
 * <p>
 * Such an attribute is removed from the session on the request that first met it ({@link Forgetting}), so that it is
 * warned of once: left in its row, it was read, and warned of, again on every request until the session expired.
 */
@Component
class UnreadableSessionAttributes implements SessionRepositoryCustomizer<JdbcIndexedSessionRepository>,
        BeanClassLoaderAware {

    private static final Logger log = LoggerFactory.getLogger(UnreadableSessionAttributes.class);
    /**
     * Within a request ({@link Forgetting}): the stored forms that could not be read, by identity. Spring Session keeps
     * an attribute's stored bytes and reads them again each time the attribute is asked for while it reads as none
     * (Spring Security asks a few times a request), so the same bytes failing again is the same attribute: warned of
     * once.
     */
    private static final ThreadLocal<Set<byte[]>> MET = new ThreadLocal<>();

    private ClassLoader classes = UnreadableSessionAttributes.class.getClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classes = classLoader;
    }

    @Override
    public void customize(JdbcIndexedSessionRepository sessions) {
        DeserializingConverter reading = new DeserializingConverter(classes);
        GenericConversionService conversions = new GenericConversionService();
        conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
        conversions.addConverter(byte[].class, Object.class, stored -> {
            try {
                return reading.convert(stored);
            } catch (SerializationFailedException unreadable) {
                // no stack trace: the cause's message names the class
                Set<byte[]> met = MET.get();
                if (met == null || met.add(stored)) {
                    log.warn("A session attribute written by another release cannot be read and is taken as none, "
                            + "and is removed from the session: {}", unreadable.getMostSpecificCause().toString());
                }
                return null;
            }
        });
        sessions.setConversionService(conversions);
    }

    /**
     * Just inside Spring Session's filter, so before the session is saved at the request's end: after a request that
     * met an unreadable attribute, every attribute of its session that reads as none is removed (only an unreadable one
     * does: Spring Session stores no attribute set to none; reading it again here warns no more), and Spring Session
     * deletes its row when it saves the session.
     */
    @Component
    static class Forgetting extends OncePerRequestFilter implements Ordered {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Set<byte[]> met = Collections.newSetFromMap(new IdentityHashMap<>());
            MET.set(met);
            try {
                chain.doFilter(request, response);
            } finally {
                try {
                    HttpSession session = met.isEmpty() ? null : request.getSession(false);
                    if (session != null) {
                        forgetUnreadable(session);
                    }
                } finally {
                    MET.remove();
                }
            }
        }

        private static void forgetUnreadable(HttpSession session) {
            try {
                for (String name : Collections.list(session.getAttributeNames())) {
                    if (session.getAttribute(name) == null) {
                        session.removeAttribute(name);
                    }
                }
            } catch (IllegalStateException invalidated) {
                // signed out during the request: nothing of it is kept anyway
            }
        }

        @Override
        public int getOrder() {
            return SessionRepositoryFilter.DEFAULT_ORDER + 1;
        }
    }
}
