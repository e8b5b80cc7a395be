-- A range's low is at most its best, and its best at most its high; a side's figure lies inside the range.
select *
from {{ ref('claim_ranges') }}
where not (low_quantity <= best_quantity and best_quantity <= high_quantity)
    or armenia_high not between low_quantity and high_quantity
    or azerbaijan_high not between low_quantity and high_quantity
    or third_party_high not between low_quantity and high_quantity
