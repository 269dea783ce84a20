package org.tongjie.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the few endpoints a partner bookstore's client may call (its purchases). Every other endpoint refuses
 * a bookstore's token with 403 {@code BOOKSTORE_SCOPE_VIOLATION}, whatever roles the token carries.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface BookstoreAccess {
}
