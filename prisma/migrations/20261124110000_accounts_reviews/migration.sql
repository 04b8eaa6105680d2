-- CreateTable
CREATE TABLE "users"."watchlist_item" (
    "user_id" TEXT NOT NULL,
    "movie_id" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watchlist_item_pkey" PRIMARY KEY ("user_id","movie_id")
);

-- CreateTable
CREATE TABLE "users"."list" (
    "id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "is_public" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "list_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users"."list_item" (
    "list_id" TEXT NOT NULL,
    "movie_id" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "list_item_pkey" PRIMARY KEY ("list_id","movie_id")
);

-- CreateTable
CREATE TABLE "users"."preference" (
    "user_id" TEXT NOT NULL,
    "favourite_genres" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "preference_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "users"."refresh_token" (
    "token_hash" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refresh_token_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "reviews"."review" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "movie_id" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sentiment_score" DOUBLE PRECISION NOT NULL,
    "sentiment_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "watchlist_item_user_id_added_at_idx" ON "users"."watchlist_item"("user_id", "added_at");

-- CreateIndex
CREATE INDEX "list_owner_id_created_at_idx" ON "users"."list"("owner_id", "created_at");

-- CreateIndex
CREATE INDEX "refresh_token_user_id_idx" ON "users"."refresh_token"("user_id");

-- CreateIndex
CREATE INDEX "review_movie_id_updated_at_idx" ON "reviews"."review"("movie_id", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "review_user_id_movie_id_key" ON "reviews"."review"("user_id", "movie_id");

-- AddForeignKey
ALTER TABLE "users"."list_item" ADD CONSTRAINT "list_item_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "users"."list"("id") ON DELETE CASCADE ON UPDATE CASCADE;

