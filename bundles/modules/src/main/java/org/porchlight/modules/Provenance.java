package org.porchlight.modules;

/** Where a module comes from, as far as the platform can tell. */
enum Provenance {
    /** Shipped with the server in {@code system/}. */
    CORE,
    /** Signed by a key in the trust store's {@code vendor/} folder. */
    VENDOR,
    /** Signed by a key in the trust store's {@code agency/} folder. */
    AGENCY,
    /** Accepted without a trusted signature because the development setting allows it. */
    UNVERIFIED,
    /** Installed around the module manager (e.g. Gogo's {@code felix:install}); nothing is known of it. */
    UNMANAGED
}
