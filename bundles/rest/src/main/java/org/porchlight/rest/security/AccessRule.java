package org.porchlight.rest.security;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import org.porchlight.api.security.ApiKeyAccess;
import org.porchlight.api.security.PersonalData;

/**
 * Who may call one resource method, read once from its annotations (the method's own, else its
 * class's). A method that declares nothing is {@link Access#UNDECLARED} and refused to everybody.
 *
 * @param roles the roles allowed for {@link Access#ROLES}, empty otherwise
 * @param apiKeys whether a vendor's API key may call it
 * @param personalData whether every call is audited, reads included
 */
public record AccessRule(Access access, Set<String> roles, boolean apiKeys, boolean personalData) {

    public enum Access {
        /** {@code @PermitAll}: anyone, signed in or not. */
        PUBLIC,
        /** {@code @RolesAllowed}: signed in with one of the roles. */
        ROLES,
        /** {@code @DenyAll}: nobody. */
        DENIED,
        /** No declaration: nobody (deny by default). */
        UNDECLARED
    }

    public static AccessRule of(Method method) {
        Class<?> type = method.getDeclaringClass();
        boolean apiKeys = method.isAnnotationPresent(ApiKeyAccess.class) || type.isAnnotationPresent(ApiKeyAccess.class);
        boolean personal = method.isAnnotationPresent(PersonalData.class) || type.isAnnotationPresent(PersonalData.class);
        AccessRule own = declared(method.getAnnotation(PermitAll.class), method.getAnnotation(DenyAll.class),
                method.getAnnotation(RolesAllowed.class), apiKeys, personal);
        if (own != null) {
            return own;
        }
        AccessRule inherited = declared(type.getAnnotation(PermitAll.class), type.getAnnotation(DenyAll.class),
                type.getAnnotation(RolesAllowed.class), apiKeys, personal);
        return inherited != null ? inherited : new AccessRule(Access.UNDECLARED, Set.of(), false, personal);
    }

    private static AccessRule declared(PermitAll permit, DenyAll deny, RolesAllowed roles, boolean apiKeys, boolean personal) {
        if (deny != null) {
            return new AccessRule(Access.DENIED, Set.of(), false, personal);
        }
        if (roles != null) {
            return new AccessRule(Access.ROLES, Set.copyOf(new TreeSet<>(Arrays.asList(roles.value()))), apiKeys, personal);
        }
        if (permit != null) {
            return new AccessRule(Access.PUBLIC, Set.of(), apiKeys, personal);
        }
        return null;
    }
}
