-- Logged-out access tokens, so a logout outlives a restart of the process or of Redis (the
-- router checks a copy loaded from here). Rows are deleted once the token has expired.

-- CreateTable
CREATE TABLE "users"."revoked_token" (
    "token_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "revoked_token_pkey" PRIMARY KEY ("token_id")
);

-- CreateIndex
CREATE INDEX "revoked_token_expires_at_idx" ON "users"."revoked_token"("expires_at");
