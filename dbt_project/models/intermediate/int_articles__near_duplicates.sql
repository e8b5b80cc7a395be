-- Articles that are near-duplicates of an earlier one: the same story re-published under another header.
-- Articles whose MinHash signatures (ingest/fingerprint.py) agree on a band fall in the same bucket; the
-- first article of a bucket (earliest publication date, then id) is the candidate original of every other
-- one, so there is one candidate per article and band however large a cluster of similar articles is.
-- A candidate is a near-duplicate when the share of agreeing signature positions (an estimate of the
-- Jaccard similarity of their word 5-grams) reaches var `near_duplicate_similarity`; of several, the
-- earliest is the original. The first article of a cluster is never a duplicate: its claims count once.
{% set signature_size = 64 %}
{% set band_size = 4 %}

with

articles as (
    select
        article_id,
        minhash_signature,
        coalesce(published_date, date '9999-12-31') as sort_date
    from {{ ref('stg_raw__articles') }}
    where minhash_signature is not null
),

bands as (
    select
        articles.article_id,
        articles.sort_date,
        band.band_index,
        hash(
            list_slice(
                articles.minhash_signature,
                band.band_index * {{ band_size }} + 1,
                (band.band_index + 1) * {{ band_size }}
            )
        ) as band_hash
    from articles
    cross join range({{ signature_size // band_size }}) as band (band_index)
),

bucket_firsts as (
    select
        article_id,
        first_value(article_id) over (
            partition by band_index, band_hash order by sort_date, article_id
        ) as original_article_id
    from bands
),

candidates as (
    select distinct
        article_id,
        original_article_id
    from bucket_firsts
    where article_id != original_article_id
),

scored as (
    select
        candidates.article_id,
        candidates.original_article_id,
        earlier.sort_date as original_sort_date,
        len(
            list_filter(
                list_zip(later.minhash_signature, earlier.minhash_signature),
                pair -> pair[1] = pair[2]
            )
        ) / {{ signature_size }} as similarity
    from candidates
    inner join articles as later on candidates.article_id = later.article_id
    inner join articles as earlier on candidates.original_article_id = earlier.article_id
),

near_duplicates as (
    select
        article_id,
        original_article_id,
        similarity
    from scored
    where similarity >= {{ var('near_duplicate_similarity', 0.8) }}
    qualify row_number() over (partition by article_id order by original_sort_date, original_article_id) = 1
)

select * from near_duplicates
