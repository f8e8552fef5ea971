import { type DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SecretCipher, type SecretKeyRing } from '@isams-sync/secrets';
import { School, SchoolSchema } from './school.schema';
import { SchoolRepository } from './school.repository';

/** The school registry. The app passes its validated SECRETS_KEY (and any previous keys while rotating). */
@Module({})
export class SchoolsModule {
  static forRoot(keys: SecretKeyRing): DynamicModule {
    return {
      module: SchoolsModule,
      imports: [MongooseModule.forFeature([{ name: School.name, schema: SchoolSchema }])],
      providers: [{ provide: SecretCipher, useValue: new SecretCipher(keys) }, SchoolRepository],
      exports: [SchoolRepository],
    };
  }
}
