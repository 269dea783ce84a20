package org.tongjie.loan.domain;

/** Kinds of reader that loan policies tell apart. */
public enum PatronType {
    ADULT, CHILD, SENIOR, STUDENT
}
