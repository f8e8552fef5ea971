import { type DynamicModule, Module } from '@nestjs/common';
import { type ModelDefinition, MongooseModule } from '@nestjs/mongoose';
import { SecretCipher, type SecretKeyRing } from '@isams-sync/secrets';
import { School, SchoolSchema } from './school.schema';
import { SCHOOL_REGISTRY_POLICY, SchoolRepository, type SchoolRegistryPolicy } from './school.repository';

/** The models this module registers (also listed by MODEL_CATALOGUE for `isams-sync db ensure-indexes`). */
export const SCHOOL_MODELS: ModelDefinition[] = [{ name: School.name, schema: SchoolSchema }];

/**
 * The school registry. The app passes its validated SECRETS_KEY (and any previous keys while rotating) and the
 * hosts that may use plain http (ISAMS_INSECURE_HOSTS; none in production).
 */
@Module({})
export class SchoolsModule {
  static forRoot(keys: SecretKeyRing, policy: SchoolRegistryPolicy = { insecureHosts: [] }): DynamicModule {
    return {
      module: SchoolsModule,
      imports: [MongooseModule.forFeature(SCHOOL_MODELS)],
      providers: [
        { provide: SecretCipher, useValue: new SecretCipher(keys) },
        { provide: SCHOOL_REGISTRY_POLICY, useValue: policy },
        SchoolRepository,
      ],
      exports: [SchoolRepository],
    };
  }
}
