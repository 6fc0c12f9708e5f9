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
}
