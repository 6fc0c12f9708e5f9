package org.sanfu.enterprise;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a client sends to correct an enterprise's file: its fields but the credit code, which names the
 * enterprise in the path and never changes (a code filed wrong is another enterprise, filed anew). Every field is
 * the file as it is to be: one left out is none (a town left out), but for the contact (联系人, 联系电话), which the
 * API's PUT keeps as filed when left out ({@link ContactKept}).
 */
public record EnterpriseCorrection(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
        String town,
        String industry,
        Boolean exporter,
        Boolean key,
        String specialist,
        String contactName,
        String contactPhone) {
}
