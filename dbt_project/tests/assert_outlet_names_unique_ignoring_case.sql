-- Articles are matched to outlets by name ignoring case, so two spellings of one name would double them.
select lower(outlet) as outlet_name
from {{ ref('outlets') }}
group by lower(outlet)
having count(*) > 1
