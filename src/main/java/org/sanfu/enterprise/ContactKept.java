package org.sanfu.enterprise;

/**
 * The parts of an enterprise's contact (联系人, 联系电话) an update leaves as they are on file, written in the same
 * statement as the rest of the file so that nothing read beforehand is written back: those an import's file has no
 * column for, and those the API's PUT leaves out (the contact came after integrators' corrections were written). A
 * page's form gives the whole file ({@link #NONE}).
 */
public record ContactKept(boolean contactName, boolean contactPhone) {

    /** Nothing kept: the contact as the form or correction gives it. */
    public static final ContactKept NONE = new ContactKept(false, false);
}
