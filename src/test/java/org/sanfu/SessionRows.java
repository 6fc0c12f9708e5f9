package org.sanfu;

import jakarta.servlet.http.Cookie;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A browser's session as Spring Session JDBC keeps it, in SPRING_SESSION_ATTRIBUTES: each attribute Java-serialized,
 * read back by the release that finds it there, which after an upgrade is not the one that wrote it.
 */
public final class SessionRows {

    private SessionRows() {}

    /** The session id this cookie names (Spring Session writes it in base64). */
    public static String id(Cookie session) {
        return new String(Base64.getDecoder().decode(session.getValue()), StandardCharsets.US_ASCII);
    }

    /** The stored bytes of one attribute of the session this cookie names. */
    public static byte[] bytes(JdbcClient jdbc, Cookie session, String attribute) {
        return jdbc.sql("""
                select a.attribute_bytes from spring_session_attributes a join spring_session s
                on s.primary_id = a.session_primary_id where s.session_id = ? and a.attribute_name = ?""")
                .params(id(session), attribute).query(byte[].class).single();
    }

    /** Writes these bytes over an attribute of the session this cookie names, as a release before this one left it. */
    public static void overwrite(JdbcClient jdbc, Cookie session, String attribute, byte[] bytes) {
        int rows = jdbc.sql("""
                update spring_session_attributes set attribute_bytes = ? where attribute_name = ? and session_primary_id =
                (select primary_id from spring_session where session_id = ?)""")
                .params(bytes, attribute, id(session)).update();
        if (rows != 1) {
            throw new IllegalStateException("the session holds no attribute " + attribute);
        }
    }

    /** An object serialized by a release whose class this one no longer has (renamed, moved, removed). */
    public static byte[] ofAClassGone() {
        byte[] written = serialized(new Renamed("一个已改名的类"));
        byte[] was = Renamed.class.getName().getBytes(StandardCharsets.UTF_8);
        byte[] now = (SessionRows.class.getName() + "$Removed").getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + was.length <= written.length; at++) {
            if (Arrays.equals(written, at, at + was.length, was, 0, was.length)) {
                System.arraycopy(now, 0, written, at, now.length); // as long: the stream stays well-formed
                return written;
            }
        }
        throw new IllegalStateException("the class's name is not in its serialized form");
    }

    /**
     * Reads stored bytes with the JDK's own classes (java.*) alone, as any release can: fails naming the first class
     * of another, which a later release may rename or change.
     */
    public static Object readWithTheJdksClassesOnly(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass described) throws IOException, ClassNotFoundException {
                String name = described.getName().replaceFirst("^\\[+L?", "");
                if (!name.startsWith("java.") && name.length() > 2) {
                    throw new InvalidClassException(described.getName(), "not one of the JDK's classes");
                }
                return super.resolveClass(described);
            }
        }) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("not stored in the JDK's types alone: " + e.getMessage(), e);
        }
    }

    private static byte[] serialized(Object object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private record Renamed(String text) implements Serializable {}
}
