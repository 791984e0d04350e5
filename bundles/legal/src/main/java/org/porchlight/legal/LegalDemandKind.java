package org.porchlight.legal;

/** The kinds of legal process an agency serves on a device vendor. */
public enum LegalDemandKind {
    WARRANT, SUBPOENA, COURT_ORDER
}
