export * from "./calendar";
export * from "./hubs";
export * from "./platform";
export * from "./schools";
export * from "./users";
