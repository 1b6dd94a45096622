//! One list-scope filter per table: `in_reach!` narrows a boxed query to the rows the
//! caller's `Reach` covers, given the column each kind of reach is matched on. A table
//! names its placing once, at its list query; a reach it has no column for sees nothing.
//!
//! ```ignore
//! in_reach!(
//!     q, reach,
//!     region: (via schools::municipality_id), // the region's municipalities
//!     municipality: (schools::municipality_id),
//!     school: (schools::id),
//!     own: (nothing), // or `own: (users::id)`, or `own: (with f)` for a condition f(id)
//! )
//! // A school-or-own reach (a school administrator who is also a tutor) ORs the two.
//! ```

#[macro_export]
macro_rules! in_reach {
    ($q:expr, $reach:expr, region: ($($r:tt)+), municipality: ($($m:tt)+), school: ($($s:tt)+), own: ($($o:tt)+) $(,)?) => {{
        let q = $q;
        match $reach {
            $crate::access::Reach::Region(v) => $crate::in_reach!(@region q, v, $($r)+),
            $crate::access::Reach::Municipality(v) => $crate::in_reach!(@col q, v, $($m)+),
            $crate::access::Reach::School(v) => $crate::in_reach!(@col q, v, $($s)+),
            $crate::access::Reach::Own(v) => $crate::in_reach!(@col q, v, $($o)+),
            $crate::access::Reach::SchoolOrOwn(s, u) => q.filter(
                $crate::in_reach!(@expr s, $($s)+).or($crate::in_reach!(@expr u, $($o)+)),
            ),
        }
    }};
    (@expr $v:ident, nothing) => {{
        let _ = $v;
        diesel::dsl::sql::<diesel::sql_types::Bool>("1 = 0")
    }};
    (@expr $v:ident, with $f:expr) => { $f($v) };
    (@expr $v:ident, $col:expr) => { $col.eq($v.clone()) };
    (@region $q:ident, $v:ident, via $col:expr) => {
        $q.filter($col.eq_any($crate::access::places::region_municipalities($v)))
    };
    (@region $q:ident, $v:ident, $($rest:tt)+) => { $crate::in_reach!(@col $q, $v, $($rest)+) };
    (@col $q:ident, $v:ident, nothing) => {{
        let _ = $v;
        $q.filter(diesel::dsl::sql::<diesel::sql_types::Bool>("1 = 0"))
    }};
    (@col $q:ident, $v:ident, with $f:expr) => { $q.filter($f($v)) };
    (@col $q:ident, $v:ident, $col:expr) => { $q.filter($col.eq($v.clone())) };
}
