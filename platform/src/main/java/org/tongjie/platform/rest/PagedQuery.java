package org.tongjie.platform.rest;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.util.List;

/** One page of entities matching a JPQL condition with positional parameters (?1, ?2, …), and their total. */
public final class PagedQuery {

    private PagedQuery() {
    }

    public static <T> Page<T> page(EntityManager em, Class<T> type, String where, String orderBy, List<?> params,
            int page, int size) {
        String entity = type.getSimpleName();
        TypedQuery<T> query = em.createQuery("from " + entity + " e where " + where + " order by " + orderBy, type);
        TypedQuery<Long> count = em.createQuery("select count(e) from " + entity + " e where " + where, Long.class);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
            count.setParameter(i + 1, params.get(i));
        }
        return new Page<>(query.setFirstResult(page * size).setMaxResults(size).getResultList(), page, size,
                count.getSingleResult());
    }
}
