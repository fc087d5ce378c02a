export * from "./calendar";
export * from "./engagement";
export * from "./hubs";
export * from "./platform";
export * from "./questionnaires";
export * from "./rag";
export * from "./schools";
export * from "./users";
