// @ts-check
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "examples/**/node_modules/**", "tests/mutation/node_modules/**", ".stryker-tmp/**", "reports/**", "**/*.js", "**/*.mjs"] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  // One-way layering (house style): cli/ and provider/ call sdk/; sdk/ imports nothing of theirs
  // nor Pulumi; emulator/ stands in for the service and shares no code with sdk/ (a mistake shared
  // by client and emulator would pass every test); the CLI never loads Pulumi. tests/lint/ checks
  // that these rules fire.
  {
    files: ["sdk/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { regex: "(^|/)(cli|provider|emulator)(/|$)", message: "sdk/ imports nothing of cli/, provider/ or emulator/ (one-way layering)." },
          { regex: "^@pulumi/", message: "sdk/ imports nothing from Pulumi." },
        ],
      }],
    },
  },
  {
    files: ["emulator/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { regex: "(^|/)(sdk|cli|provider)(/|$)", message: "emulator/ shares no code with sdk/ (nor cli/, provider/): it is reached only over HTTP." },
          { regex: "^@pulumi/", message: "emulator/ imports nothing from Pulumi." },
        ],
      }],
    },
  },
  {
    files: ["cli/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { regex: "(^|/)(provider|index)(/|$)", message: "cli/ calls sdk/, never provider/ (which loads @pulumi/pulumi)." },
          { regex: "^@pulumi/", message: "The CLI never loads @pulumi/pulumi." },
        ],
      }],
    },
  },
  {
    files: ["provider/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ regex: "(^|/)(cli|emulator)(/|$)", message: "provider/ calls sdk/, never cli/ or emulator/." }],
      }],
    },
  },
  {
    // Pulumi's dynamic-provider shim must use require() inside its methods.
    files: ["provider/**/*.ts", "tests/**/*.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The mutation-testing preload is CommonJS by necessity (a --require hook on Node's resolver).
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", __dirname: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
