package org.sanfu.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * A session outlives the release that wrote it: Spring Session JDBC keeps each attribute Java-serialized in the
 * database, and reads it back when a request asks for it. An attribute whose class a later release renamed, moved or
 * changed could not be read, and Spring Session's conversion threw on every request that asked (who signed in is asked
 * on every page): each of that user's requests was an error until the session expired. Here such an attribute reads
 * as none: the session goes on signed out and with nothing kept, as if it had just begun, and the sign-in writes over
 * it. What the workbench itself keeps in a session is in the JDK's types alone (KeptForms, the /f thanks, the flash
 * messages), so that an upgrade reads it; who signed in is Spring Security's context, which holds the account
 * ({@link SanfuUser}): a release that changes that class signs its sessions out once, by this rule.
 */
@Component
class UnreadableSessionAttributes implements SessionRepositoryCustomizer<JdbcIndexedSessionRepository>,
        BeanClassLoaderAware {

    private static final Logger log = LoggerFactory.getLogger(UnreadableSessionAttributes.class);

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
                // no stack trace: the cause's message names the class, and this repeats on each request of the session
                log.warn("A session attribute written by another release cannot be read and is taken as none: {}",
                        unreadable.getMostSpecificCause().toString());
                return null;
            }
        });
        sessions.setConversionService(conversions);
    }
}
