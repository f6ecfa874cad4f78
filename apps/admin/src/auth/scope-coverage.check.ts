import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService } from '@nestjs/core';
import { PUBLIC_CONTROLLERS } from './scope.guard';
import { REQUIRED_SCOPE } from './require-scope.decorator';

/** `Controller.method` of every route handler that declares no scope (public controllers aside). */
export function unscopedRoutes(controllers: ReadonlyArray<abstract new (...args: never[]) => unknown>): string[] {
  const missing: string[] = [];
  for (const controller of controllers) {
    if (PUBLIC_CONTROLLERS.has(controller)) continue;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = name === 'constructor' ? undefined : Object.getOwnPropertyDescriptor(prototype, name)?.value;
      if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      if (Reflect.getMetadata(REQUIRED_SCOPE, handler) === undefined) missing.push(`${controller.name}.${name}`);
    }
  }
  return missing;
}

/** Start-up refuses an ops route without a declared scope (fail closed: the guard would refuse it too). */
@Injectable()
export class ScopeCoverageCheck implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const controllers = this.discovery.getControllers().map((wrapper) => wrapper.metatype as abstract new (...args: never[]) => unknown).filter(Boolean);
    const missing = unscopedRoutes(controllers);
    if (missing.length > 0) throw new Error(`ops routes without a scope (@RequireScope): ${missing.join(', ')}`);
  }
}
