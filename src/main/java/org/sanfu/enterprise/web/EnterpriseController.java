package org.sanfu.enterprise.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.sanfu.enterprise.ContactKept;
import org.sanfu.enterprise.Enterprise;
import org.sanfu.enterprise.EnterpriseCorrection;
import org.sanfu.enterprise.EnterpriseForm;
import org.sanfu.enterprise.EnterpriseImport;
import org.sanfu.enterprise.EnterpriseService;
import org.sanfu.security.AccountDirectory;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.web.ActionBody;
import org.sanfu.web.ApiAccess;
import org.sanfu.web.Created;
import org.sanfu.web.Downloads;
import org.sanfu.web.JsonBodies;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Enterprises (一企一档). The profile, with visits and tickets, is served by the profile feature. */
@RestController
@RequestMapping("/api/enterprises")
@Tag(name = "Enterprises", description = "一企一档: the enterprises that service staff look after")
class EnterpriseController {

    private final EnterpriseService enterprises;
    private final EnterpriseImport importer;
    private final JsonBodies bodies;

    EnterpriseController(EnterpriseService enterprises, EnterpriseImport importer, JsonBodies bodies) {
        this.enterprises = enterprises;
        this.importer = importer;
        this.bodies = bodies;
    }

    /** STAFF, ADMIN (SecurityConfig). */
    @Operation(summary = "File an enterprise", description = "The credit code must carry a valid GB 32100-2015 "
            + "check character; an existing code answers 409.")
    @ApiAccess(value = {"STAFF", "ADMIN"}, errors = {400, 403, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = EnterpriseForm.class)))
    @ApiResponse(responseCode = "201", description = "The enterprise filed",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/enterprises/{creditCode}, its profile",
                    schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = Enterprise.class)))
    @PostMapping(consumes = "application/json")
    ResponseEntity<Enterprise> create(@RequestBody JsonNode body, HttpServletRequest request) {
        // read as every body of the API is (JsonBodies), so that a field misspelt is refused here too
        Enterprise created = enterprises.create(bodies.read(body, EnterpriseForm.class));
        return ResponseEntity.created(Created.below(request, created.creditCode())).body(created);
    }

    /**
     * STAFF, ADMIN: the file corrected (a town left out, a name changed, another specialist). Checked as
     * API.md orders: an unknown code 404, another role 403, then the body 400.
     */
    @Operation(summary = "Correct an enterprise's file", description = "Every field but the credit code, which "
            + "names the enterprise in the path and never changes. Tickets show the new name and town. (addition) A "
            + "`contactName` or `contactPhone` left out stays as filed; null or blank takes it away.")
    @ApiAccess(value = {"STAFF", "ADMIN"}, errors = {400, 403, 404})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = EnterpriseCorrection.class)))
    @PutMapping("/{creditCode}")
    Enterprise update(@PathVariable String creditCode, Caller caller, ActionBody body) {
        enterprises.get(creditCode);
        caller.require(Role.STAFF, Role.ADMIN);
        // the contact came after integrators' PUTs were written: one that never names it must not wipe what staff
        // typed on the page, so a part left out stays as filed (null or blank still takes it away); kept by the
        // update's own statement, not read here and written back
        return enterprises.update(creditCode, body.as(EnterpriseCorrection.class),
                new ContactKept(!body.has("contactName"), !body.has("contactPhone")));
    }

    /** ADMIN (SecurityConfig). UTF-8 (or GBK) CSV with a header row; other media types get 415. */
    @Operation(summary = "Import enterprises from CSV", description = "UTF-8 CSV with the header row "
            + "`creditCode,name,town,industry,exporter,key,specialist` (line 1), each column named by that name or by "
            + "its Chinese label (统一社会信用代码,企业名称,镇（街道）,行业,外贸企业,重点企业,驻企服务专员), in any order. "
            + "`exporter` and `key` take 是/否, true/false, 1/0, yes/no or y/n (blank is no). Good rows are kept even "
            + "when others are rejected; a row whose credit code is on file updates it. Bytes that are not UTF-8 are "
            + "read as GB18030 (GBK) when they decode so (`encoding`); lines of empty cells are `skipped`; a rejected "
            + "line gives the `value` at fault; a town no enterprise on file is in is imported with a `notices` entry, "
            + "one on file but for its spaces is rejected. (addition) An Excel workbook (.xlsx, told by its bytes, also "
            + "as application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) is read too: its first sheet, row 1 "
            + "the header, `encoding` XLSX; an old .xls or another ZIP is 400 naming `body`. A credit code on an earlier "
            + "line of the file rejects the later line. (addition) Two optional columns, `contactName` (联系人) and "
            + "`contactPhone` (联系电话): without them an enterprise on file keeps its contact; with one, a blank cell "
            + "takes that part away; a bad telephone rejects the line naming `contactPhone`.")
    @ApiAccess(value = "ADMIN", errors = {400, 403})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "text/csv",
            schema = @Schema(type = "string", example = "creditCode,name,town,industry,exporter,key,specialist\n"
                    + "91330100716105852F,台州方联宝进出口有限公司,大溪镇,水泵,true,true,staff1")))
    @PostMapping(path = "/import", consumes = {"text/csv", Downloads.XLSX_VALUE})
    EnterpriseImport.Result importCsv(@RequestBody(required = false) byte[] csv) {
        // an empty body is the importer's to word (CSV), not Spring's missing body (worded as JSON)
        return importer.load(csv);
    }

    /**
     * Anyone signed in: departments need the files of the enterprises whose tickets they handle. A department's list
     * carries no contact (null): paging through it would collect every enterprise's contact person and telephone,
     * which it reads on the profile of an enterprise whose ticket it handles, and on that ticket's page.
     */
    @Operation(summary = "List enterprises", description = "Filter by town, key enterprise, `q` in the name "
            + "or credit code, or `specialist` (the 驻企服务专员's user name: the enterprises they look after); "
            + "paged with `page` (from 0) and `size` (1..200). (addition) For DEPT, `contactName` and `contactPhone` "
            + "are null.")
    @ApiAccess(value = {"STAFF", "DISPATCH", "DEPT", "LEADER", "ADMIN"}, errors = 400)
    // the bounds EnterpriseService.list checks: a file's town and name (words longer could match nothing)
    @Parameter(name = "town", in = ParameterIn.QUERY,
            schema = @Schema(type = "string", maxLength = EnterpriseForm.TOWN_MAX),
            description = "the town (镇/街道), exactly")
    @Parameter(name = "q", in = ParameterIn.QUERY,
            schema = @Schema(type = "string", maxLength = EnterpriseForm.NAME_MAX),
            description = "words, separated by spaces (全角 too), each in the name as filed or as said (the divisions' "
                    + "suffixes at its start left out: 温岭海通 for 温岭市海通…), the credit code or the town, ignoring case")
    @Parameter(name = "specialist", in = ParameterIn.QUERY, schema = @Schema(type = "string", maxLength = AccountDirectory.USERNAME_MAX),
            description = "the user name of the enterprise's 驻企服务专员; an unknown one matches nothing")
    @GetMapping
    PageResult<Enterprise> list(@RequestParam(required = false) String town,
            @RequestParam(required = false) Boolean key, @RequestParam(required = false) String q,
            @RequestParam(required = false) String specialist,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            Caller caller) {
        PageResult<Enterprise> found = enterprises.list(blankToNull(town), key, blankToNull(q),
                blankToNull(specialist), PageParams.of(page, size));
        return caller.is(Role.DEPT) ? found.map(Enterprise::withoutContact) : found;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
