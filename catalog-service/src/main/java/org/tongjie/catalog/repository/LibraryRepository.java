package org.tongjie.catalog.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.catalog.domain.Library;
import org.tongjie.catalog.domain.LibraryLevel;
import org.tongjie.platform.rest.Page;

import java.util.List;

/** Libraries by code, level and parent. */
@ApplicationScoped
public class LibraryRepository implements PanacheRepositoryBase<Library, String> {

    /** The library and every library below it in the tree. */
    @SuppressWarnings("unchecked")
    public List<String> withDescendants(String code) {
        return getEntityManager().createNativeQuery("WITH RECURSIVE tree(code) AS (SELECT code FROM library"
                + " WHERE code = ?1 UNION SELECT l.code FROM library l JOIN tree t ON l.parent_code = t.code)"
                + " SELECT code FROM tree").setParameter(1, code).getResultList();
    }

    /** Libraries by level and parent; with {@code descendants}, everything below the parent, not just its branches. */
    public Page<Library> list(LibraryLevel level, String parentCode, boolean descendants, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (parentCode != null && descendants) {
            List<String> below = new java.util.ArrayList<>(withDescendants(parentCode));
            below.remove(parentCode);
            query.append(" and code in :below");
            params.put("below", below.isEmpty() ? List.of("") : below);
            parentCode = null;
        }
        if (level != null) {
            query.append(" and level = :level");
            params.put("level", level);
        }
        if (parentCode != null) {
            query.append(" and parentCode = :parent");
            params.put("parent", parentCode);
        }
        var found = find(query.toString(), Sort.by("code"), params);
        return new Page<>(found.page(page, size).list(), page, size, found.count());
    }
}
