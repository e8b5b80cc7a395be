-- Articles that are near-duplicates of an earlier one: the same story re-published under another header.
-- Two articles are candidates when a band of their MinHash signatures (ingest/fingerprint.py) agrees;
-- a candidate pair is a near-duplicate when the share of agreeing signature positions (an estimate of
-- the Jaccard similarity of their word 5-grams) reaches `near_duplicate_similarity`. Each duplicate
-- names the first of its near-duplicates (earliest publication date, then article id) as its original,
-- so the first article of a cluster is never a duplicate and the cluster's claims count once.
{% set signature_size = 64 %}
{% set band_size = 4 %}

with

articles as (
    select
        article_id,
        published_date,
        minhash_signature
    from {{ ref('stg_raw__articles') }}
    where minhash_signature is not null
),

bands as (
    select
        articles.article_id,
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

candidates as (
    select distinct
        later.article_id,
        earlier.article_id as original_article_id
    from bands as later
    inner join bands as earlier
        on
            later.band_index = earlier.band_index
            and later.band_hash = earlier.band_hash
            and later.article_id != earlier.article_id
),

scored as (
    select
        candidates.article_id,
        candidates.original_article_id,
        later.published_date,
        earlier.published_date as original_published_date,
        avg(
            cast(later.minhash_signature[position.i] = earlier.minhash_signature[position.i] as integer)
        ) as similarity
    from candidates
    inner join articles as later on candidates.article_id = later.article_id
    inner join articles as earlier on candidates.original_article_id = earlier.article_id
    cross join range(1, {{ signature_size }} + 1) as position (i)
    group by all
),

near_duplicates as (
    select
        article_id,
        original_article_id,
        similarity
    from scored
    where
        similarity >= {{ var('near_duplicate_similarity', 0.8) }}
        -- the original comes first: published earlier (an undated article after dated ones), then by id
        and (
            coalesce(original_published_date, date '9999-12-31'), original_article_id
        ) < (coalesce(published_date, date '9999-12-31'), article_id)
    qualify row_number() over (
            partition by article_id
            order by coalesce(original_published_date, date '9999-12-31'), original_article_id
        ) = 1
)

select * from near_duplicates
