// Global test setup: Chinese zod messages like production.
