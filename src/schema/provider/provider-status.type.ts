import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Provider, ProviderState } from '../../domain/provider.js';

registerEnumType(ProviderState, {
  name: 'ProviderState',
  description: 'Whether a provider can be used through this gateway now.',
  valuesConfig: {
    ENABLED: { description: 'Configured, and its recent calls succeed.' },
    DISABLED: {
      description: 'Not configured on this gateway: its operations answer PROVIDER_NOT_CONFIGURED.',
    },
    FAILING: { description: 'Configured, but its recent calls keep failing.' },
  },
});

@ObjectType('ProviderStatus', { description: 'The state of one provider behind the gateway.' })
export class ProviderStatus {
  @Field(() => Provider, { description: 'The provider.' })
  provider!: Provider;

  @Field(() => ProviderState, { description: 'Whether it can be used now.' })
  state!: ProviderState;
}
