import Contracts
import Database
import Foundation

@testable import JobService

/// The statement search pages ran before the posting index, kept as the
/// reference the in-memory search must agree with (`SearchEquivalenceTests`):
/// the page's postings in rank order
/// and, when asked, the search's total and facets, so the ranking is paid once.
///
/// Plans (checked with EXPLAIN ANALYZE on 100,000 generated postings):
/// - every statement repeats `closed_at IS NULL AND duplicate_of IS NULL`, the
///   predicate of the partial indexes, so the GIN index on `search_vector`,
///   the `(sort_at DESC, id DESC)` index and the `skill_ids` GIN index apply;
/// - the text query is written out as `websearch_to_tsquery('english', $n)`
///   (immutable, so folded to a constant in the plan) rather than read from a
///   CTE, so the planner sees its real selectivity;
/// - with a text query the matches are materialised once with their rank
///   (from the small in-row `rank_vector`: see migration 0005) and the
///   page, total and facets all read that; without one the page walks the
///   date index and stops after `limit + 1` rows.
enum SearchStatement {
    /// Companies and skills are counted over at most this many of the best
    /// matches (rank, then date): exact for narrower searches, and for broad
    /// ones the spread among what the user will actually page through, at a
    /// bounded cost (counting skills unnests every match's skill list).
    static let facetSampleSize = 1000
    static let companyFacetSize = 10
    static let skillFacetSize = 15

    /// The filters, starting with the partial indexes' predicate.
    static func conditions(_ query: JobSearchQuery) -> SQL {
        var parts: [SQL] = ["closed_at IS NULL AND duplicate_of IS NULL"]
        if let text = query.text {
            // Only stop words ("the"): no text condition rather than no results.
            parts.append(
                """
                (numnode(websearch_to_tsquery('english', \(text))) = 0
                    OR search_vector @@ websearch_to_tsquery('english', \(text)))
                """)
        }
        if let location = query.location {
            parts.append(
                """
                EXISTS (SELECT 1 FROM unnest(locations) AS place(name)
                    WHERE place.name ILIKE \("%" + likeEscaped(location) + "%"))
                """)
        }
        if !query.workplaces.isEmpty {
            parts.append("workplace = ANY(\(query.workplaces.map(\.rawValue)))")
        }
        if !query.employmentTypes.isEmpty {
            parts.append("employment_type = ANY(\(query.employmentTypes))")
        }
        if let salaryMin = query.salaryMin {
            parts.append("coalesce(salary_annual_max, salary_annual_min) >= \(salaryMin)")
        }
        if let hours = query.postedWithinHours {
            parts.append("sort_at >= now() - make_interval(hours => \(hours)::int)")
        }
        if !query.skills.isEmpty {
            parts.append("skill_ids @> \(query.skills)")
        }
        if let company = query.company {
            parts.append("lower(company) = lower(\(company))")
        }
        return SQL.joined(parts, separator: " AND ")
    }

    /// `text` with LIKE's wildcards and escape character made literal.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    /// `limit + 1` postings after the cursor (the extra one says whether there is
    /// a next page) as `PostingColumns.summary` plus `page_rank` and
    /// `page_sort_micros`; with `summary`, also `summary_total` on every row and
    /// `summary_facets` (JSON of `JobFacets`) on the first. With `summary` there
    /// is always at least one row: an empty page's has NULL posting columns.
    static func make(_ query: JobSearchQuery, summary: Bool) -> SQL {
        let filters = conditions(query)
        var statement: SQL
        if let text = query.text {
            let rank: SQL = "ts_rank(rank_vector, websearch_to_tsquery('english', \(text)), 32)"
            let facetColumns: SQL =
                summary
                ? """
                , workplace AS match_workplace, employment_type AS match_type, company AS match_company,
                    skill_ids AS match_skills
                """ : ""
            statement = """
                WITH matches AS MATERIALIZED (
                    SELECT id AS match_id, sort_at AS match_sort_at, \(rank) AS match_rank\(facetColumns)
                    FROM postings WHERE \(filters)
                ), page AS (
                    SELECT match_id AS page_id, match_rank AS page_rank, match_sort_at AS page_sort_at
                    FROM matches
                    WHERE \(after(query.cursor, rank: "match_rank", sortAt: "match_sort_at", id: "match_id"))
                    ORDER BY match_rank DESC, match_sort_at DESC, match_id DESC
                    LIMIT \(query.limit + 1)
                )
                """
            if summary {
                statement.append(
                    """
                    , counts AS (
                        SELECT match_workplace AS workplace, match_type AS employment_type, count(*) AS n
                        FROM matches GROUP BY 1, 2
                    ), sample AS (
                        SELECT match_company, match_skills FROM matches
                        ORDER BY match_rank DESC, match_sort_at DESC, match_id DESC LIMIT \(Self.facetSampleSize)
                    )
                    """)
            }
        } else {
            statement = """
                WITH page AS (
                    SELECT id AS page_id, NULL::real AS page_rank, sort_at AS page_sort_at
                    FROM postings
                    WHERE \(filters) AND \(after(query.cursor, rank: nil, sortAt: "sort_at", id: "id"))
                    ORDER BY sort_at DESC, id DESC
                    LIMIT \(query.limit + 1)
                )
                """
            if summary {
                statement.append(
                    """
                    , counts AS (
                        SELECT workplace, employment_type, count(*) AS n FROM postings WHERE \(filters) GROUP BY 1, 2
                    ), sample AS (
                        SELECT company AS match_company, skill_ids AS match_skills FROM postings WHERE \(filters)
                        ORDER BY sort_at DESC, id DESC LIMIT \(Self.facetSampleSize)
                    )
                    """)
            }
        }
        // The page's ≤ 51 rows sorted again: CTE order does not survive the join.
        let pageOrder = "page_rank DESC, page_sort_at DESC, page_id DESC"
        let pageColumns = """
            page_rank::float8 AS page_rank, (extract(epoch FROM page_sort_at) * 1000000)::int8 AS page_sort_micros,
            \(PostingColumns.summary)
            """
        if summary {
            statement.append(
                """
                , summary AS (\(summarySelect))
                SELECT summary_total,
                    CASE WHEN row_number() OVER (ORDER BY \(unsafeRaw: pageOrder)) = 1 THEN summary_facets END
                        AS summary_facets,
                    \(unsafeRaw: pageColumns)
                FROM summary LEFT JOIN (page JOIN postings ON id = page_id) ON true
                ORDER BY \(unsafeRaw: pageOrder)
                """)
        } else {
            statement.append(
                """

                SELECT \(unsafeRaw: pageColumns)
                FROM page JOIN postings ON id = page_id
                ORDER BY \(unsafeRaw: pageOrder)
                """)
        }
        return statement
    }

    /// The keyset condition: rows strictly after the cursor in the order
    /// (rank DESC, sort_at DESC, id DESC); `true` on the first page.
    private static func after(_ cursor: SearchCursor?, rank: String?, sortAt: String, id: String) -> SQL {
        guard let cursor else { return "true" }
        let sortAtValue: SQL = "('epoch'::timestamptz + \(cursor.sortMicros)::float8 * interval '1 microsecond')"
        if let rank, let rankValue = cursor.rank {
            return
                "(\(unsafeRaw: rank), \(unsafeRaw: sortAt), \(unsafeRaw: id)) < (\(rankValue)::real, \(sortAtValue), \(cursor.id))"
        }
        return "(\(unsafeRaw: sortAt), \(unsafeRaw: id)) < (\(sortAtValue), \(cursor.id))"
    }

    /// The total, and the facets as `JobFacets` JSON: workplace and employment
    /// type counted over every match (one grouping of `counts`), companies and
    /// skills over `sample`.
    private static var summarySelect: SQL {
        let workplaces = """
            SELECT workplace AS value, sum(n) AS n FROM counts WHERE workplace IS NOT NULL GROUP BY 1
            """
        let types = """
            SELECT employment_type AS value, sum(n) AS n FROM counts WHERE employment_type IS NOT NULL GROUP BY 1
            """
        // The most frequent spelling names a company that boards spell differently.
        let companies = """
            SELECT mode() WITHIN GROUP (ORDER BY match_company) AS value, count(*) AS n FROM sample
            GROUP BY lower(match_company) ORDER BY n DESC, value LIMIT \(companyFacetSize)
            """
        let skills = """
            SELECT skill AS value, count(*) AS n FROM sample, unnest(match_skills) AS skill
            GROUP BY 1 ORDER BY n DESC, value LIMIT \(skillFacetSize)
            """
        return """
            SELECT (SELECT coalesce(sum(n), 0)::int8 FROM counts) AS summary_total, jsonb_build_object(
                'workplace', (\(facet(workplaces))), 'employmentType', (\(facet(types))),
                'company', (\(facet(companies))), 'skills', (\(facet(skills)))
            ) AS summary_facets
            """
    }

    /// A JSON array of `{value, count}`, most frequent first, from a query of (value, n).
    private static func facet(_ counts: String) -> SQL {
        """
        SELECT coalesce(jsonb_agg(jsonb_build_object('value', value, 'count', n) ORDER BY n DESC, value), '[]')
        FROM (\(unsafeRaw: counts)) AS facet
        """
    }
}
