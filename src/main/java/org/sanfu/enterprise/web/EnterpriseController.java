package org.sanfu.enterprise.web;

import org.sanfu.enterprise.Enterprise;
import org.sanfu.enterprise.EnterpriseForm;
import org.sanfu.enterprise.EnterpriseImport;
import org.sanfu.enterprise.EnterpriseService;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Enterprises (一企一档). The profile, with visits and tickets, is served by the profile feature. */
@RestController
@RequestMapping("/api/enterprises")
class EnterpriseController {

    private final EnterpriseService enterprises;
    private final EnterpriseImport importer;

    EnterpriseController(EnterpriseService enterprises, EnterpriseImport importer) {
        this.enterprises = enterprises;
        this.importer = importer;
    }

    /** STAFF, ADMIN (SecurityConfig). */
    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    Enterprise create(@RequestBody EnterpriseForm form) {
        return enterprises.create(form);
    }

    /** ADMIN (SecurityConfig). UTF-8 CSV with a header row; other media types get 415. */
    @PostMapping(path = "/import", consumes = "text/csv")
    EnterpriseImport.Result importCsv(@RequestBody byte[] csv) {
        return importer.load(csv);
    }

    /** Anyone signed in: departments need the files of the enterprises whose tickets they handle. */
    @GetMapping
    PageResult<Enterprise> list(@RequestParam(required = false) String town,
            @RequestParam(required = false) Boolean key, @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return enterprises.list(blankToNull(town), key, blankToNull(q), PageParams.of(page, size));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
