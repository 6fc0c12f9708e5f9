package org.sanfu.web;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A file the browser saves rather than shows: its type and a name that may be Chinese (RFC 6266, UTF-8). */
public final class Downloads {

    /** An Excel workbook (.xlsx). */
    public static final String XLSX_VALUE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final MediaType XLSX = MediaType.parseMediaType(XLSX_VALUE);

    /** A Word document (.docx). */
    public static final String DOCX_VALUE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final MediaType DOCX = MediaType.parseMediaType(DOCX_VALUE);

    private Downloads() {
    }

    /** 200 with the content as an attachment named {@code fileName} (三服务简报-2020-W24.xlsx). */
    public static ResponseEntity<byte[]> attachment(MediaType type, String fileName, byte[] content) {
        return ResponseEntity.ok().contentType(type).header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition
                .attachment().filename(fileName, StandardCharsets.UTF_8).build().toString()).body(content);
    }

    /**
     * 200 with a file someone sent (a ticket's 附件), as the browser saves it and never shows it in place: its stored
     * type, its name, and no sniffing of another type.
     */
    public static ResponseEntity<byte[]> sentFile(String contentType, String fileName, byte[] content) {
        ResponseEntity<byte[]> answer = attachment(MediaType.parseMediaType(contentType), fileName, content);
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header("X-Content-Type-Options", "nosniff").body(answer.getBody());
    }

    /** A file's size as people read it: 512 B, 12 KB, 1.5 MB, 10 MB. */
    public static String sizeWords(long bytes) {
        long kb = 1024;
        long mb = kb * kb;
        if (bytes < kb) {
            return bytes + " B";
        }
        if (bytes < mb) {
            return (bytes + kb - 1) / kb + " KB";
        }
        long tenths = Math.round(bytes * 10.0 / mb);
        return tenths % 10 == 0 ? tenths / 10 + " MB" : tenths / 10 + "." + tenths % 10 + " MB";
    }
}
