#include "entity_extractor.h"

namespace newsdex {

struct EntityExtractor::Impl {};

EntityExtractor::EntityExtractor() : impl_(std::make_unique<Impl>()) {}
EntityExtractor::~EntityExtractor() = default;
EntityExtractor::EntityExtractor(EntityExtractor&&) noexcept = default;
EntityExtractor& EntityExtractor::operator=(EntityExtractor&&) noexcept = default;

void EntityExtractor::extract(Article& /*article*/) {}

}  // namespace newsdex
