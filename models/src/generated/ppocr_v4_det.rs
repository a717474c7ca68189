// Generated from ONNX "ppocr_v4_det.onnx" by burn-onnx
extern crate alloc;
use burn::prelude::*;
use burn::nn::BatchNorm;
use burn::nn::BatchNormConfig;
use burn::nn::PaddingConfig2d;
use burn::nn::conv::Conv2d;
use burn::nn::conv::Conv2dConfig;
use burn::nn::conv::ConvTranspose2d;
use burn::nn::conv::ConvTranspose2dConfig;
use burn::nn::pool::AdaptiveAvgPool2d;
use burn::nn::pool::AdaptiveAvgPool2dConfig;
use burn::tensor::Bytes;
use burn_store::BurnpackStore;
use burn_store::ModuleSnapshot;


#[derive(Module, Debug)]
pub struct Submodule1 {
    conv2d1: Conv2d,
    batchnormalization1: BatchNorm,
    conv2d2: Conv2d,
    constant131: burn::module::Param<Tensor<1>>,
    constant132: burn::module::Param<Tensor<1>>,
    constant236: burn::module::Param<Tensor<1>>,
    constant235: burn::module::Param<Tensor<1>>,
    constant187: burn::module::Param<Tensor<1>>,
    constant188: burn::module::Param<Tensor<1>>,
    conv2d3: Conv2d,
    constant133: burn::module::Param<Tensor<1>>,
    constant134: burn::module::Param<Tensor<1>>,
    constant240: burn::module::Param<Tensor<1>>,
    constant239: burn::module::Param<Tensor<1>>,
    constant207: burn::module::Param<Tensor<1>>,
    constant208: burn::module::Param<Tensor<1>>,
    conv2d4: Conv2d,
    constant155: burn::module::Param<Tensor<1>>,
    constant156: burn::module::Param<Tensor<1>>,
    conv2d5: Conv2d,
    constant173: burn::module::Param<Tensor<1>>,
    constant174: burn::module::Param<Tensor<1>>,
    constant244: burn::module::Param<Tensor<1>>,
    constant243: burn::module::Param<Tensor<1>>,
    constant225: burn::module::Param<Tensor<1>>,
    constant226: burn::module::Param<Tensor<1>>,
    conv2d6: Conv2d,
    constant175: burn::module::Param<Tensor<1>>,
    constant176: burn::module::Param<Tensor<1>>,
    constant248: burn::module::Param<Tensor<1>>,
    constant247: burn::module::Param<Tensor<1>>,
    constant227: burn::module::Param<Tensor<1>>,
    #[module(skip)]
    device: Device,
}
impl Submodule1 {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let conv2d1 = Conv2dConfig::new([3, 16], [3, 3])
            .with_stride([2, 2])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let batchnormalization1 = BatchNormConfig::new(16)
            .with_epsilon(0.000009999999747378752f64)
            .with_momentum(0.8999999761581421f64)
            .init(device);
        let conv2d2 = Conv2dConfig::new([16, 16], [3, 3])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(16)
            .with_bias(true)
            .init(device);
        let constant131: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant132: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant236: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant235: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant187: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant188: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d3 = Conv2dConfig::new([16, 32], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant133: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant134: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant240: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant239: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant207: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant208: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d4 = Conv2dConfig::new([32, 32], [3, 3])
            .with_stride([2, 2])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(32)
            .with_bias(true)
            .init(device);
        let constant155: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant156: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d5 = Conv2dConfig::new([32, 48], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant173: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant174: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant244: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant243: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant225: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant226: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d6 = Conv2dConfig::new([48, 48], [3, 3])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(48)
            .with_bias(true)
            .init(device);
        let constant175: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant176: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant248: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant247: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant227: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        Self {
            conv2d1,
            batchnormalization1,
            conv2d2,
            constant131,
            constant132,
            constant236,
            constant235,
            constant187,
            constant188,
            conv2d3,
            constant133,
            constant134,
            constant240,
            constant239,
            constant207,
            constant208,
            conv2d4,
            constant155,
            constant156,
            conv2d5,
            constant173,
            constant174,
            constant244,
            constant243,
            constant225,
            constant226,
            conv2d6,
            constant175,
            constant176,
            constant248,
            constant247,
            constant227,
            device: device.clone(),
        }
    }
    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(&self, x: Tensor<4>) -> Tensor<4> {
        let conv2d1_out1 = self.conv2d1.forward(x);
        let batchnormalization1_out1 = self.batchnormalization1.forward(conv2d1_out1);
        let conv2d2_out1 = self.conv2d2.forward(batchnormalization1_out1);
        let constant131_out1 = self.constant131.val();
        let mul1_out1 = (constant131_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d2_out1);
        let constant132_out1 = self.constant132.val();
        let add1_out1 = mul1_out1
            .add((constant132_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant236_out1 = self.constant236.val();
        let add2_out1 = add1_out1
            .clone()
            .add((constant236_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip1_out1 = add2_out1.clamp(0f64, 6f64);
        let mul2_out1 = add1_out1.mul(clip1_out1);
        let constant235_out1 = self.constant235.val();
        let div1_out1 = mul2_out1
            .div((constant235_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant187_out1 = self.constant187.val();
        let mul3_out1 = (constant187_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div1_out1);
        let constant188_out1 = self.constant188.val();
        let add3_out1 = mul3_out1
            .add((constant188_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d3_out1 = self.conv2d3.forward(add3_out1);
        let constant133_out1 = self.constant133.val();
        let mul4_out1 = (constant133_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d3_out1);
        let constant134_out1 = self.constant134.val();
        let add4_out1 = mul4_out1
            .add((constant134_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant240_out1 = self.constant240.val();
        let add5_out1 = add4_out1
            .clone()
            .add((constant240_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip2_out1 = add5_out1.clamp(0f64, 6f64);
        let mul5_out1 = add4_out1.mul(clip2_out1);
        let constant239_out1 = self.constant239.val();
        let div2_out1 = mul5_out1
            .div((constant239_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant207_out1 = self.constant207.val();
        let mul6_out1 = (constant207_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div2_out1);
        let constant208_out1 = self.constant208.val();
        let add6_out1 = mul6_out1
            .add((constant208_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d4_out1 = self.conv2d4.forward(add6_out1);
        let constant155_out1 = self.constant155.val();
        let mul7_out1 = (constant155_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d4_out1);
        let constant156_out1 = self.constant156.val();
        let add7_out1 = mul7_out1
            .add((constant156_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d5_out1 = self.conv2d5.forward(add7_out1);
        let constant173_out1 = self.constant173.val();
        let mul8_out1 = (constant173_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d5_out1);
        let constant174_out1 = self.constant174.val();
        let add8_out1 = mul8_out1
            .add((constant174_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant244_out1 = self.constant244.val();
        let add9_out1 = add8_out1
            .clone()
            .add((constant244_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip3_out1 = add9_out1.clamp(0f64, 6f64);
        let mul9_out1 = add8_out1.mul(clip3_out1);
        let constant243_out1 = self.constant243.val();
        let div3_out1 = mul9_out1
            .div((constant243_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant225_out1 = self.constant225.val();
        let mul10_out1 = (constant225_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div3_out1);
        let constant226_out1 = self.constant226.val();
        let add10_out1 = mul10_out1
            .add((constant226_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d6_out1 = self.conv2d6.forward(add10_out1);
        let constant175_out1 = self.constant175.val();
        let mul11_out1 = (constant175_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d6_out1);
        let constant176_out1 = self.constant176.val();
        let add11_out1 = mul11_out1
            .add((constant176_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant248_out1 = self.constant248.val();
        let add12_out1 = add11_out1
            .clone()
            .add((constant248_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip4_out1 = add12_out1.clamp(0f64, 6f64);
        let mul12_out1 = add11_out1.mul(clip4_out1);
        let constant247_out1 = self.constant247.val();
        let div4_out1 = mul12_out1
            .div((constant247_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant227_out1 = self.constant227.val();
        let mul13_out1 = (constant227_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div4_out1);
        mul13_out1
    }
}
#[derive(Module, Debug)]
pub struct Submodule2 {
    constant228: burn::module::Param<Tensor<1>>,
    conv2d7: Conv2d,
    constant177: burn::module::Param<Tensor<1>>,
    constant178: burn::module::Param<Tensor<1>>,
    constant252: burn::module::Param<Tensor<1>>,
    constant251: burn::module::Param<Tensor<1>>,
    constant229: burn::module::Param<Tensor<1>>,
    constant230: burn::module::Param<Tensor<1>>,
    conv2d8: Conv2d,
    constant179: burn::module::Param<Tensor<1>>,
    constant180: burn::module::Param<Tensor<1>>,
    conv2d9: Conv2d,
    constant181: burn::module::Param<Tensor<1>>,
    constant182: burn::module::Param<Tensor<1>>,
    constant256: burn::module::Param<Tensor<1>>,
    constant255: burn::module::Param<Tensor<1>>,
    constant231: burn::module::Param<Tensor<1>>,
    constant232: burn::module::Param<Tensor<1>>,
    conv2d10: Conv2d,
    constant183: burn::module::Param<Tensor<1>>,
    constant184: burn::module::Param<Tensor<1>>,
    constant260: burn::module::Param<Tensor<1>>,
    constant259: burn::module::Param<Tensor<1>>,
    constant233: burn::module::Param<Tensor<1>>,
    constant234: burn::module::Param<Tensor<1>>,
    conv2d11: Conv2d,
    constant185: burn::module::Param<Tensor<1>>,
    constant186: burn::module::Param<Tensor<1>>,
    constant264: burn::module::Param<Tensor<1>>,
    constant263: burn::module::Param<Tensor<1>>,
    constant189: burn::module::Param<Tensor<1>>,
    #[module(skip)]
    device: Device,
}
impl Submodule2 {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let constant228: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d7 = Conv2dConfig::new([48, 48], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant177: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant178: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant252: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant251: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant229: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant230: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d8 = Conv2dConfig::new([48, 48], [3, 3])
            .with_stride([2, 2])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(48)
            .with_bias(true)
            .init(device);
        let constant179: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant180: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d9 = Conv2dConfig::new([48, 96], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant181: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant182: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant256: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant255: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant231: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant232: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d10 = Conv2dConfig::new([96, 96], [3, 3])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(96)
            .with_bias(true)
            .init(device);
        let constant183: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant184: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant260: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant259: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant233: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant234: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d11 = Conv2dConfig::new([96, 96], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant185: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant186: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant264: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant263: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant189: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        Self {
            constant228,
            conv2d7,
            constant177,
            constant178,
            constant252,
            constant251,
            constant229,
            constant230,
            conv2d8,
            constant179,
            constant180,
            conv2d9,
            constant181,
            constant182,
            constant256,
            constant255,
            constant231,
            constant232,
            conv2d10,
            constant183,
            constant184,
            constant260,
            constant259,
            constant233,
            constant234,
            conv2d11,
            constant185,
            constant186,
            constant264,
            constant263,
            constant189,
            device: device.clone(),
        }
    }
    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(&self, mul13_out1: Tensor<4>) -> (Tensor<4>, Tensor<4>) {
        let constant228_out1 = self.constant228.val();
        let add13_out1 = mul13_out1
            .add((constant228_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d7_out1 = self.conv2d7.forward(add13_out1);
        let constant177_out1 = self.constant177.val();
        let mul14_out1 = (constant177_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d7_out1);
        let constant178_out1 = self.constant178.val();
        let add14_out1 = mul14_out1
            .add((constant178_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant252_out1 = self.constant252.val();
        let add15_out1 = add14_out1
            .clone()
            .add((constant252_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip5_out1 = add15_out1.clamp(0f64, 6f64);
        let mul15_out1 = add14_out1.mul(clip5_out1);
        let constant251_out1 = self.constant251.val();
        let div5_out1 = mul15_out1
            .div((constant251_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant229_out1 = self.constant229.val();
        let mul16_out1 = (constant229_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div5_out1);
        let constant230_out1 = self.constant230.val();
        let add16_out1 = mul16_out1
            .add((constant230_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d8_out1 = self.conv2d8.forward(add16_out1.clone());
        let constant179_out1 = self.constant179.val();
        let mul17_out1 = (constant179_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d8_out1);
        let constant180_out1 = self.constant180.val();
        let add17_out1 = mul17_out1
            .add((constant180_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d9_out1 = self.conv2d9.forward(add17_out1);
        let constant181_out1 = self.constant181.val();
        let mul18_out1 = (constant181_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d9_out1);
        let constant182_out1 = self.constant182.val();
        let add18_out1 = mul18_out1
            .add((constant182_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant256_out1 = self.constant256.val();
        let add19_out1 = add18_out1
            .clone()
            .add((constant256_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip6_out1 = add19_out1.clamp(0f64, 6f64);
        let mul19_out1 = add18_out1.mul(clip6_out1);
        let constant255_out1 = self.constant255.val();
        let div6_out1 = mul19_out1
            .div((constant255_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant231_out1 = self.constant231.val();
        let mul20_out1 = (constant231_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div6_out1);
        let constant232_out1 = self.constant232.val();
        let add20_out1 = mul20_out1
            .add((constant232_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d10_out1 = self.conv2d10.forward(add20_out1);
        let constant183_out1 = self.constant183.val();
        let mul21_out1 = (constant183_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d10_out1);
        let constant184_out1 = self.constant184.val();
        let add21_out1 = mul21_out1
            .add((constant184_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant260_out1 = self.constant260.val();
        let add22_out1 = add21_out1
            .clone()
            .add((constant260_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip7_out1 = add22_out1.clamp(0f64, 6f64);
        let mul22_out1 = add21_out1.mul(clip7_out1);
        let constant259_out1 = self.constant259.val();
        let div7_out1 = mul22_out1
            .div((constant259_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant233_out1 = self.constant233.val();
        let mul23_out1 = (constant233_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div7_out1);
        let constant234_out1 = self.constant234.val();
        let add23_out1 = mul23_out1
            .add((constant234_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d11_out1 = self.conv2d11.forward(add23_out1);
        let constant185_out1 = self.constant185.val();
        let mul24_out1 = (constant185_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d11_out1);
        let constant186_out1 = self.constant186.val();
        let add24_out1 = mul24_out1
            .add((constant186_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant264_out1 = self.constant264.val();
        let add25_out1 = add24_out1
            .clone()
            .add((constant264_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip8_out1 = add25_out1.clamp(0f64, 6f64);
        let mul25_out1 = add24_out1.mul(clip8_out1);
        let constant263_out1 = self.constant263.val();
        let div8_out1 = mul25_out1
            .div((constant263_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant189_out1 = self.constant189.val();
        let mul26_out1 = (constant189_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div8_out1);
        (mul26_out1, add16_out1)
    }
}
#[derive(Module, Debug)]
pub struct Submodule3 {
    constant190: burn::module::Param<Tensor<1>>,
    conv2d12: Conv2d,
    constant135: burn::module::Param<Tensor<1>>,
    constant136: burn::module::Param<Tensor<1>>,
    conv2d13: Conv2d,
    constant137: burn::module::Param<Tensor<1>>,
    constant138: burn::module::Param<Tensor<1>>,
    constant268: burn::module::Param<Tensor<1>>,
    constant267: burn::module::Param<Tensor<1>>,
    constant191: burn::module::Param<Tensor<1>>,
    constant192: burn::module::Param<Tensor<1>>,
    conv2d14: Conv2d,
    constant139: burn::module::Param<Tensor<1>>,
    constant140: burn::module::Param<Tensor<1>>,
    constant272: burn::module::Param<Tensor<1>>,
    constant271: burn::module::Param<Tensor<1>>,
    constant193: burn::module::Param<Tensor<1>>,
    constant194: burn::module::Param<Tensor<1>>,
    conv2d15: Conv2d,
    constant141: burn::module::Param<Tensor<1>>,
    constant142: burn::module::Param<Tensor<1>>,
    constant276: burn::module::Param<Tensor<1>>,
    constant275: burn::module::Param<Tensor<1>>,
    constant195: burn::module::Param<Tensor<1>>,
    constant196: burn::module::Param<Tensor<1>>,
    conv2d16: Conv2d,
    constant143: burn::module::Param<Tensor<1>>,
    constant144: burn::module::Param<Tensor<1>>,
    constant280: burn::module::Param<Tensor<1>>,
    constant279: burn::module::Param<Tensor<1>>,
    constant197: burn::module::Param<Tensor<1>>,
    #[module(skip)]
    device: Device,
}
impl Submodule3 {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let constant190: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d12 = Conv2dConfig::new([96, 96], [3, 3])
            .with_stride([2, 2])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(96)
            .with_bias(true)
            .init(device);
        let constant135: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant136: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d13 = Conv2dConfig::new([96, 192], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant137: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant138: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant268: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant267: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant191: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant192: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d14 = Conv2dConfig::new([192, 192], [5, 5])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
            .with_dilation([1, 1])
            .with_groups(192)
            .with_bias(true)
            .init(device);
        let constant139: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant140: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant272: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant271: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant193: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant194: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d15 = Conv2dConfig::new([192, 192], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant141: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant142: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant276: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant275: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant195: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant196: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d16 = Conv2dConfig::new([192, 192], [5, 5])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
            .with_dilation([1, 1])
            .with_groups(192)
            .with_bias(true)
            .init(device);
        let constant143: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant144: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant280: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant279: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant197: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        Self {
            constant190,
            conv2d12,
            constant135,
            constant136,
            conv2d13,
            constant137,
            constant138,
            constant268,
            constant267,
            constant191,
            constant192,
            conv2d14,
            constant139,
            constant140,
            constant272,
            constant271,
            constant193,
            constant194,
            conv2d15,
            constant141,
            constant142,
            constant276,
            constant275,
            constant195,
            constant196,
            conv2d16,
            constant143,
            constant144,
            constant280,
            constant279,
            constant197,
            device: device.clone(),
        }
    }
    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(&self, mul26_out1: Tensor<4>) -> (Tensor<4>, Tensor<4>) {
        let constant190_out1 = self.constant190.val();
        let add26_out1 = mul26_out1
            .add((constant190_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d12_out1 = self.conv2d12.forward(add26_out1.clone());
        let constant135_out1 = self.constant135.val();
        let mul27_out1 = (constant135_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d12_out1);
        let constant136_out1 = self.constant136.val();
        let add27_out1 = mul27_out1
            .add((constant136_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d13_out1 = self.conv2d13.forward(add27_out1);
        let constant137_out1 = self.constant137.val();
        let mul28_out1 = (constant137_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d13_out1);
        let constant138_out1 = self.constant138.val();
        let add28_out1 = mul28_out1
            .add((constant138_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant268_out1 = self.constant268.val();
        let add29_out1 = add28_out1
            .clone()
            .add((constant268_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip9_out1 = add29_out1.clamp(0f64, 6f64);
        let mul29_out1 = add28_out1.mul(clip9_out1);
        let constant267_out1 = self.constant267.val();
        let div9_out1 = mul29_out1
            .div((constant267_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant191_out1 = self.constant191.val();
        let mul30_out1 = (constant191_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div9_out1);
        let constant192_out1 = self.constant192.val();
        let add30_out1 = mul30_out1
            .add((constant192_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d14_out1 = self.conv2d14.forward(add30_out1);
        let constant139_out1 = self.constant139.val();
        let mul31_out1 = (constant139_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d14_out1);
        let constant140_out1 = self.constant140.val();
        let add31_out1 = mul31_out1
            .add((constant140_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant272_out1 = self.constant272.val();
        let add32_out1 = add31_out1
            .clone()
            .add((constant272_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip10_out1 = add32_out1.clamp(0f64, 6f64);
        let mul32_out1 = add31_out1.mul(clip10_out1);
        let constant271_out1 = self.constant271.val();
        let div10_out1 = mul32_out1
            .div((constant271_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant193_out1 = self.constant193.val();
        let mul33_out1 = (constant193_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div10_out1);
        let constant194_out1 = self.constant194.val();
        let add33_out1 = mul33_out1
            .add((constant194_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d15_out1 = self.conv2d15.forward(add33_out1);
        let constant141_out1 = self.constant141.val();
        let mul34_out1 = (constant141_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d15_out1);
        let constant142_out1 = self.constant142.val();
        let add34_out1 = mul34_out1
            .add((constant142_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant276_out1 = self.constant276.val();
        let add35_out1 = add34_out1
            .clone()
            .add((constant276_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip11_out1 = add35_out1.clamp(0f64, 6f64);
        let mul35_out1 = add34_out1.mul(clip11_out1);
        let constant275_out1 = self.constant275.val();
        let div11_out1 = mul35_out1
            .div((constant275_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant195_out1 = self.constant195.val();
        let mul36_out1 = (constant195_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div11_out1);
        let constant196_out1 = self.constant196.val();
        let add36_out1 = mul36_out1
            .add((constant196_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d16_out1 = self.conv2d16.forward(add36_out1);
        let constant143_out1 = self.constant143.val();
        let mul37_out1 = (constant143_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d16_out1);
        let constant144_out1 = self.constant144.val();
        let add37_out1 = mul37_out1
            .add((constant144_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant280_out1 = self.constant280.val();
        let add38_out1 = add37_out1
            .clone()
            .add((constant280_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip12_out1 = add38_out1.clamp(0f64, 6f64);
        let mul38_out1 = add37_out1.mul(clip12_out1);
        let constant279_out1 = self.constant279.val();
        let div12_out1 = mul38_out1
            .div((constant279_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant197_out1 = self.constant197.val();
        let mul39_out1 = (constant197_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div12_out1);
        (mul39_out1, add26_out1)
    }
}
#[derive(Module, Debug)]
pub struct Submodule4 {
    constant198: burn::module::Param<Tensor<1>>,
    conv2d17: Conv2d,
    constant145: burn::module::Param<Tensor<1>>,
    constant146: burn::module::Param<Tensor<1>>,
    constant284: burn::module::Param<Tensor<1>>,
    constant283: burn::module::Param<Tensor<1>>,
    constant199: burn::module::Param<Tensor<1>>,
    constant200: burn::module::Param<Tensor<1>>,
    conv2d18: Conv2d,
    constant147: burn::module::Param<Tensor<1>>,
    constant148: burn::module::Param<Tensor<1>>,
    constant288: burn::module::Param<Tensor<1>>,
    constant287: burn::module::Param<Tensor<1>>,
    constant201: burn::module::Param<Tensor<1>>,
    constant202: burn::module::Param<Tensor<1>>,
    conv2d19: Conv2d,
    constant149: burn::module::Param<Tensor<1>>,
    constant150: burn::module::Param<Tensor<1>>,
    constant292: burn::module::Param<Tensor<1>>,
    constant291: burn::module::Param<Tensor<1>>,
    constant203: burn::module::Param<Tensor<1>>,
    constant204: burn::module::Param<Tensor<1>>,
    conv2d20: Conv2d,
    constant151: burn::module::Param<Tensor<1>>,
    constant152: burn::module::Param<Tensor<1>>,
    constant296: burn::module::Param<Tensor<1>>,
    constant295: burn::module::Param<Tensor<1>>,
    constant205: burn::module::Param<Tensor<1>>,
    constant206: burn::module::Param<Tensor<1>>,
    conv2d21: Conv2d,
    constant153: burn::module::Param<Tensor<1>>,
    #[module(skip)]
    device: Device,
}
impl Submodule4 {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let constant198: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d17 = Conv2dConfig::new([192, 192], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant145: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant146: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant284: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant283: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant199: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant200: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d18 = Conv2dConfig::new([192, 192], [5, 5])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
            .with_dilation([1, 1])
            .with_groups(192)
            .with_bias(true)
            .init(device);
        let constant147: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant148: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant288: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant287: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant201: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant202: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d19 = Conv2dConfig::new([192, 192], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant149: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant150: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant292: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant291: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant203: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant204: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d20 = Conv2dConfig::new([192, 192], [5, 5])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
            .with_dilation([1, 1])
            .with_groups(192)
            .with_bias(true)
            .init(device);
        let constant151: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant152: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant296: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant295: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant205: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant206: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d21 = Conv2dConfig::new([192, 192], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant153: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        Self {
            constant198,
            conv2d17,
            constant145,
            constant146,
            constant284,
            constant283,
            constant199,
            constant200,
            conv2d18,
            constant147,
            constant148,
            constant288,
            constant287,
            constant201,
            constant202,
            conv2d19,
            constant149,
            constant150,
            constant292,
            constant291,
            constant203,
            constant204,
            conv2d20,
            constant151,
            constant152,
            constant296,
            constant295,
            constant205,
            constant206,
            conv2d21,
            constant153,
            device: device.clone(),
        }
    }
    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(&self, mul39_out1: Tensor<4>) -> Tensor<4> {
        let constant198_out1 = self.constant198.val();
        let add39_out1 = mul39_out1
            .add((constant198_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d17_out1 = self.conv2d17.forward(add39_out1);
        let constant145_out1 = self.constant145.val();
        let mul40_out1 = (constant145_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d17_out1);
        let constant146_out1 = self.constant146.val();
        let add40_out1 = mul40_out1
            .add((constant146_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant284_out1 = self.constant284.val();
        let add41_out1 = add40_out1
            .clone()
            .add((constant284_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip13_out1 = add41_out1.clamp(0f64, 6f64);
        let mul41_out1 = add40_out1.mul(clip13_out1);
        let constant283_out1 = self.constant283.val();
        let div13_out1 = mul41_out1
            .div((constant283_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant199_out1 = self.constant199.val();
        let mul42_out1 = (constant199_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div13_out1);
        let constant200_out1 = self.constant200.val();
        let add42_out1 = mul42_out1
            .add((constant200_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d18_out1 = self.conv2d18.forward(add42_out1);
        let constant147_out1 = self.constant147.val();
        let mul43_out1 = (constant147_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d18_out1);
        let constant148_out1 = self.constant148.val();
        let add43_out1 = mul43_out1
            .add((constant148_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant288_out1 = self.constant288.val();
        let add44_out1 = add43_out1
            .clone()
            .add((constant288_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip14_out1 = add44_out1.clamp(0f64, 6f64);
        let mul44_out1 = add43_out1.mul(clip14_out1);
        let constant287_out1 = self.constant287.val();
        let div14_out1 = mul44_out1
            .div((constant287_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant201_out1 = self.constant201.val();
        let mul45_out1 = (constant201_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div14_out1);
        let constant202_out1 = self.constant202.val();
        let add45_out1 = mul45_out1
            .add((constant202_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d19_out1 = self.conv2d19.forward(add45_out1);
        let constant149_out1 = self.constant149.val();
        let mul46_out1 = (constant149_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d19_out1);
        let constant150_out1 = self.constant150.val();
        let add46_out1 = mul46_out1
            .add((constant150_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant292_out1 = self.constant292.val();
        let add47_out1 = add46_out1
            .clone()
            .add((constant292_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip15_out1 = add47_out1.clamp(0f64, 6f64);
        let mul47_out1 = add46_out1.mul(clip15_out1);
        let constant291_out1 = self.constant291.val();
        let div15_out1 = mul47_out1
            .div((constant291_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant203_out1 = self.constant203.val();
        let mul48_out1 = (constant203_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div15_out1);
        let constant204_out1 = self.constant204.val();
        let add48_out1 = mul48_out1
            .add((constant204_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d20_out1 = self.conv2d20.forward(add48_out1);
        let constant151_out1 = self.constant151.val();
        let mul49_out1 = (constant151_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d20_out1);
        let constant152_out1 = self.constant152.val();
        let add49_out1 = mul49_out1
            .add((constant152_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant296_out1 = self.constant296.val();
        let add50_out1 = add49_out1
            .clone()
            .add((constant296_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip16_out1 = add50_out1.clamp(0f64, 6f64);
        let mul50_out1 = add49_out1.mul(clip16_out1);
        let constant295_out1 = self.constant295.val();
        let div16_out1 = mul50_out1
            .div((constant295_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant205_out1 = self.constant205.val();
        let mul51_out1 = (constant205_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div16_out1);
        let constant206_out1 = self.constant206.val();
        let add51_out1 = mul51_out1
            .add((constant206_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d21_out1 = self.conv2d21.forward(add51_out1);
        let constant153_out1 = self.constant153.val();
        let mul52_out1 = (constant153_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d21_out1);
        mul52_out1
    }
}
#[derive(Module, Debug)]
pub struct Submodule5 {
    constant154: burn::module::Param<Tensor<1>>,
    constant300: burn::module::Param<Tensor<1>>,
    constant299: burn::module::Param<Tensor<1>>,
    constant209: burn::module::Param<Tensor<1>>,
    constant210: burn::module::Param<Tensor<1>>,
    conv2d22: Conv2d,
    constant157: burn::module::Param<Tensor<1>>,
    constant158: burn::module::Param<Tensor<1>>,
    globalaveragepool1: AdaptiveAvgPool2d,
    conv2d23: Conv2d,
    conv2d24: Conv2d,
    conv2d25: Conv2d,
    constant159: burn::module::Param<Tensor<1>>,
    constant160: burn::module::Param<Tensor<1>>,
    constant304: burn::module::Param<Tensor<1>>,
    constant303: burn::module::Param<Tensor<1>>,
    constant211: burn::module::Param<Tensor<1>>,
    constant212: burn::module::Param<Tensor<1>>,
    conv2d26: Conv2d,
    constant161: burn::module::Param<Tensor<1>>,
    constant162: burn::module::Param<Tensor<1>>,
    constant308: burn::module::Param<Tensor<1>>,
    constant307: burn::module::Param<Tensor<1>>,
    constant213: burn::module::Param<Tensor<1>>,
    constant214: burn::module::Param<Tensor<1>>,
    globalaveragepool2: AdaptiveAvgPool2d,
    conv2d27: Conv2d,
    conv2d28: Conv2d,
    conv2d29: Conv2d,
    constant163: burn::module::Param<Tensor<1>>,
    constant164: burn::module::Param<Tensor<1>>,
    #[module(skip)]
    device: Device,
}
impl Submodule5 {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let constant154: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant300: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant299: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant209: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant210: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d22 = Conv2dConfig::new([192, 192], [5, 5])
            .with_stride([2, 2])
            .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
            .with_dilation([1, 1])
            .with_groups(192)
            .with_bias(true)
            .init(device);
        let constant157: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant158: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let globalaveragepool1 = AdaptiveAvgPool2dConfig::new([1, 1]).init();
        let conv2d23 = Conv2dConfig::new([192, 48], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d24 = Conv2dConfig::new([48, 192], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d25 = Conv2dConfig::new([192, 384], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant159: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant160: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant304: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant303: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant211: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant212: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d26 = Conv2dConfig::new([384, 384], [5, 5])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
            .with_dilation([1, 1])
            .with_groups(384)
            .with_bias(true)
            .init(device);
        let constant161: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant162: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant308: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant307: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant213: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant214: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let globalaveragepool2 = AdaptiveAvgPool2dConfig::new([1, 1]).init();
        let conv2d27 = Conv2dConfig::new([384, 96], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d28 = Conv2dConfig::new([96, 384], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d29 = Conv2dConfig::new([384, 384], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant163: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant164: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        Self {
            constant154,
            constant300,
            constant299,
            constant209,
            constant210,
            conv2d22,
            constant157,
            constant158,
            globalaveragepool1,
            conv2d23,
            conv2d24,
            conv2d25,
            constant159,
            constant160,
            constant304,
            constant303,
            constant211,
            constant212,
            conv2d26,
            constant161,
            constant162,
            constant308,
            constant307,
            constant213,
            constant214,
            globalaveragepool2,
            conv2d27,
            conv2d28,
            conv2d29,
            constant163,
            constant164,
            device: device.clone(),
        }
    }
    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(&self, mul52_out1: Tensor<4>) -> (Tensor<4>, Tensor<4>) {
        let constant154_out1 = self.constant154.val();
        let add52_out1 = mul52_out1
            .add((constant154_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant300_out1 = self.constant300.val();
        let add53_out1 = add52_out1
            .clone()
            .add((constant300_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip17_out1 = add53_out1.clamp(0f64, 6f64);
        let mul53_out1 = add52_out1.mul(clip17_out1);
        let constant299_out1 = self.constant299.val();
        let div17_out1 = mul53_out1
            .div((constant299_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant209_out1 = self.constant209.val();
        let mul54_out1 = (constant209_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div17_out1);
        let constant210_out1 = self.constant210.val();
        let add54_out1 = mul54_out1
            .add((constant210_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d22_out1 = self.conv2d22.forward(add54_out1.clone());
        let constant157_out1 = self.constant157.val();
        let mul55_out1 = (constant157_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d22_out1);
        let constant158_out1 = self.constant158.val();
        let add55_out1 = mul55_out1
            .add((constant158_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let globalaveragepool1_out1 = self
            .globalaveragepool1
            .forward(add55_out1.clone());
        let conv2d23_out1 = self.conv2d23.forward(globalaveragepool1_out1);
        let relu1_out1 = burn::tensor::activation::relu(conv2d23_out1);
        let conv2d24_out1 = self.conv2d24.forward(relu1_out1);
        let hardsigmoid1_out1 = burn::tensor::activation::hard_sigmoid(
            conv2d24_out1,
            0.16666670143604279,
            0.5,
        );
        let mul56_out1 = add55_out1.mul(hardsigmoid1_out1);
        let conv2d25_out1 = self.conv2d25.forward(mul56_out1);
        let constant159_out1 = self.constant159.val();
        let mul57_out1 = (constant159_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d25_out1);
        let constant160_out1 = self.constant160.val();
        let add56_out1 = mul57_out1
            .add((constant160_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant304_out1 = self.constant304.val();
        let add57_out1 = add56_out1
            .clone()
            .add((constant304_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip18_out1 = add57_out1.clamp(0f64, 6f64);
        let mul58_out1 = add56_out1.mul(clip18_out1);
        let constant303_out1 = self.constant303.val();
        let div18_out1 = mul58_out1
            .div((constant303_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant211_out1 = self.constant211.val();
        let mul59_out1 = (constant211_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div18_out1);
        let constant212_out1 = self.constant212.val();
        let add58_out1 = mul59_out1
            .add((constant212_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d26_out1 = self.conv2d26.forward(add58_out1);
        let constant161_out1 = self.constant161.val();
        let mul60_out1 = (constant161_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d26_out1);
        let constant162_out1 = self.constant162.val();
        let add59_out1 = mul60_out1
            .add((constant162_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant308_out1 = self.constant308.val();
        let add60_out1 = add59_out1
            .clone()
            .add((constant308_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip19_out1 = add60_out1.clamp(0f64, 6f64);
        let mul61_out1 = add59_out1.mul(clip19_out1);
        let constant307_out1 = self.constant307.val();
        let div19_out1 = mul61_out1
            .div((constant307_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant213_out1 = self.constant213.val();
        let mul62_out1 = (constant213_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div19_out1);
        let constant214_out1 = self.constant214.val();
        let add61_out1 = mul62_out1
            .add((constant214_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let globalaveragepool2_out1 = self
            .globalaveragepool2
            .forward(add61_out1.clone());
        let conv2d27_out1 = self.conv2d27.forward(globalaveragepool2_out1);
        let relu2_out1 = burn::tensor::activation::relu(conv2d27_out1);
        let conv2d28_out1 = self.conv2d28.forward(relu2_out1);
        let hardsigmoid2_out1 = burn::tensor::activation::hard_sigmoid(
            conv2d28_out1,
            0.16666670143604279,
            0.5,
        );
        let mul63_out1 = add61_out1.mul(hardsigmoid2_out1);
        let conv2d29_out1 = self.conv2d29.forward(mul63_out1);
        let constant163_out1 = self.constant163.val();
        let mul64_out1 = (constant163_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d29_out1);
        let constant164_out1 = self.constant164.val();
        let add62_out1 = mul64_out1
            .add((constant164_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        (add62_out1, add54_out1)
    }
}
#[derive(Module, Debug)]
pub struct Submodule6 {
    constant312: burn::module::Param<Tensor<1>>,
    constant311: burn::module::Param<Tensor<1>>,
    constant215: burn::module::Param<Tensor<1>>,
    constant216: burn::module::Param<Tensor<1>>,
    conv2d30: Conv2d,
    constant165: burn::module::Param<Tensor<1>>,
    constant166: burn::module::Param<Tensor<1>>,
    constant316: burn::module::Param<Tensor<1>>,
    constant315: burn::module::Param<Tensor<1>>,
    constant217: burn::module::Param<Tensor<1>>,
    constant218: burn::module::Param<Tensor<1>>,
    conv2d31: Conv2d,
    constant167: burn::module::Param<Tensor<1>>,
    constant168: burn::module::Param<Tensor<1>>,
    constant320: burn::module::Param<Tensor<1>>,
    constant319: burn::module::Param<Tensor<1>>,
    constant219: burn::module::Param<Tensor<1>>,
    constant220: burn::module::Param<Tensor<1>>,
    conv2d32: Conv2d,
    constant169: burn::module::Param<Tensor<1>>,
    constant170: burn::module::Param<Tensor<1>>,
    constant324: burn::module::Param<Tensor<1>>,
    constant323: burn::module::Param<Tensor<1>>,
    constant221: burn::module::Param<Tensor<1>>,
    constant222: burn::module::Param<Tensor<1>>,
    conv2d33: Conv2d,
    constant171: burn::module::Param<Tensor<1>>,
    constant172: burn::module::Param<Tensor<1>>,
    constant328: burn::module::Param<Tensor<1>>,
    #[module(skip)]
    device: Device,
}
impl Submodule6 {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let constant312: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant311: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant215: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant216: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d30 = Conv2dConfig::new([384, 384], [5, 5])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
            .with_dilation([1, 1])
            .with_groups(384)
            .with_bias(true)
            .init(device);
        let constant165: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant166: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant316: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant315: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant217: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant218: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d31 = Conv2dConfig::new([384, 384], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant167: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant168: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant320: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant319: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant219: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant220: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d32 = Conv2dConfig::new([384, 384], [5, 5])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
            .with_dilation([1, 1])
            .with_groups(384)
            .with_bias(true)
            .init(device);
        let constant169: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant170: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant324: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant323: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant221: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant222: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d33 = Conv2dConfig::new([384, 384], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let constant171: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant172: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant328: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([3f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        Self {
            constant312,
            constant311,
            constant215,
            constant216,
            conv2d30,
            constant165,
            constant166,
            constant316,
            constant315,
            constant217,
            constant218,
            conv2d31,
            constant167,
            constant168,
            constant320,
            constant319,
            constant219,
            constant220,
            conv2d32,
            constant169,
            constant170,
            constant324,
            constant323,
            constant221,
            constant222,
            conv2d33,
            constant171,
            constant172,
            constant328,
            device: device.clone(),
        }
    }
    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(&self, add62_out1: Tensor<4>) -> Tensor<4> {
        let constant312_out1 = self.constant312.val();
        let add63_out1 = add62_out1
            .clone()
            .add((constant312_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip20_out1 = add63_out1.clamp(0f64, 6f64);
        let mul65_out1 = add62_out1.mul(clip20_out1);
        let constant311_out1 = self.constant311.val();
        let div20_out1 = mul65_out1
            .div((constant311_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant215_out1 = self.constant215.val();
        let mul66_out1 = (constant215_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div20_out1);
        let constant216_out1 = self.constant216.val();
        let add64_out1 = mul66_out1
            .add((constant216_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d30_out1 = self.conv2d30.forward(add64_out1);
        let constant165_out1 = self.constant165.val();
        let mul67_out1 = (constant165_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d30_out1);
        let constant166_out1 = self.constant166.val();
        let add65_out1 = mul67_out1
            .add((constant166_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant316_out1 = self.constant316.val();
        let add66_out1 = add65_out1
            .clone()
            .add((constant316_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip21_out1 = add66_out1.clamp(0f64, 6f64);
        let mul68_out1 = add65_out1.mul(clip21_out1);
        let constant315_out1 = self.constant315.val();
        let div21_out1 = mul68_out1
            .div((constant315_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant217_out1 = self.constant217.val();
        let mul69_out1 = (constant217_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div21_out1);
        let constant218_out1 = self.constant218.val();
        let add67_out1 = mul69_out1
            .add((constant218_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d31_out1 = self.conv2d31.forward(add67_out1);
        let constant167_out1 = self.constant167.val();
        let mul70_out1 = (constant167_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d31_out1);
        let constant168_out1 = self.constant168.val();
        let add68_out1 = mul70_out1
            .add((constant168_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant320_out1 = self.constant320.val();
        let add69_out1 = add68_out1
            .clone()
            .add((constant320_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip22_out1 = add69_out1.clamp(0f64, 6f64);
        let mul71_out1 = add68_out1.mul(clip22_out1);
        let constant319_out1 = self.constant319.val();
        let div22_out1 = mul71_out1
            .div((constant319_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant219_out1 = self.constant219.val();
        let mul72_out1 = (constant219_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div22_out1);
        let constant220_out1 = self.constant220.val();
        let add70_out1 = mul72_out1
            .add((constant220_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d32_out1 = self.conv2d32.forward(add70_out1);
        let constant169_out1 = self.constant169.val();
        let mul73_out1 = (constant169_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d32_out1);
        let constant170_out1 = self.constant170.val();
        let add71_out1 = mul73_out1
            .add((constant170_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant324_out1 = self.constant324.val();
        let add72_out1 = add71_out1
            .clone()
            .add((constant324_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip23_out1 = add72_out1.clamp(0f64, 6f64);
        let mul74_out1 = add71_out1.mul(clip23_out1);
        let constant323_out1 = self.constant323.val();
        let div23_out1 = mul74_out1
            .div((constant323_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant221_out1 = self.constant221.val();
        let mul75_out1 = (constant221_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div23_out1);
        let constant222_out1 = self.constant222.val();
        let add73_out1 = mul75_out1
            .add((constant222_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d33_out1 = self.conv2d33.forward(add73_out1);
        let constant171_out1 = self.constant171.val();
        let mul76_out1 = (constant171_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(conv2d33_out1);
        let constant172_out1 = self.constant172.val();
        let add74_out1 = mul76_out1
            .add((constant172_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant328_out1 = self.constant328.val();
        let add75_out1 = add74_out1
            .clone()
            .add((constant328_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let clip24_out1 = add75_out1.clamp(0f64, 6f64);
        let mul77_out1 = add74_out1.mul(clip24_out1);
        mul77_out1
    }
}
#[derive(Module, Debug)]
pub struct Submodule7 {
    constant327: burn::module::Param<Tensor<1>>,
    constant223: burn::module::Param<Tensor<1>>,
    constant224: burn::module::Param<Tensor<1>>,
    conv2d34: Conv2d,
    conv2d35: Conv2d,
    conv2d36: Conv2d,
    conv2d37: Conv2d,
    conv2d38: Conv2d,
    globalaveragepool3: AdaptiveAvgPool2d,
    conv2d39: Conv2d,
    conv2d40: Conv2d,
    conv2d41: Conv2d,
    globalaveragepool4: AdaptiveAvgPool2d,
    conv2d42: Conv2d,
    conv2d43: Conv2d,
    conv2d44: Conv2d,
    globalaveragepool5: AdaptiveAvgPool2d,
    conv2d45: Conv2d,
    conv2d46: Conv2d,
    conv2d47: Conv2d,
    globalaveragepool6: AdaptiveAvgPool2d,
    conv2d48: Conv2d,
    conv2d49: Conv2d,
    resize1: burn::nn::interpolate::Interpolate2d,
    resize2: burn::nn::interpolate::Interpolate2d,
    resize3: burn::nn::interpolate::Interpolate2d,
    conv2d50: Conv2d,
    globalaveragepool7: AdaptiveAvgPool2d,
    conv2d51: Conv2d,
    conv2d52: Conv2d,
    conv2d53: Conv2d,
    globalaveragepool8: AdaptiveAvgPool2d,
    conv2d54: Conv2d,
    conv2d55: Conv2d,
    conv2d56: Conv2d,
    globalaveragepool9: AdaptiveAvgPool2d,
    conv2d57: Conv2d,
    conv2d58: Conv2d,
    conv2d59: Conv2d,
    globalaveragepool10: AdaptiveAvgPool2d,
    conv2d60: Conv2d,
    conv2d61: Conv2d,
    resize4: burn::nn::interpolate::Interpolate2d,
    resize5: burn::nn::interpolate::Interpolate2d,
    resize6: burn::nn::interpolate::Interpolate2d,
    conv2d62: Conv2d,
    batchnormalization2: BatchNorm,
    convtranspose2d1: ConvTranspose2d,
    constant127: burn::module::Param<Tensor<4>>,
    batchnormalization3: BatchNorm,
    convtranspose2d2: ConvTranspose2d,
    constant129: burn::module::Param<Tensor<4>>,
    #[module(skip)]
    device: Device,
}
impl Submodule7 {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let constant327: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::from_data(
                burn::tensor::TensorData::from([6f64]),
                (device, burn::tensor::DType::F32),
            ),
            device.clone(),
            false,
            [1].into(),
        );
        let constant223: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let constant224: burn::module::Param<Tensor<1>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                1,
            >::zeros([1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1].into(),
        );
        let conv2d34 = Conv2dConfig::new([48, 12], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d35 = Conv2dConfig::new([96, 18], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d36 = Conv2dConfig::new([192, 42], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d37 = Conv2dConfig::new([384, 360], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d38 = Conv2dConfig::new([360, 96], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let globalaveragepool3 = AdaptiveAvgPool2dConfig::new([1, 1]).init();
        let conv2d39 = Conv2dConfig::new([96, 24], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d40 = Conv2dConfig::new([24, 96], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d41 = Conv2dConfig::new([42, 96], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let globalaveragepool4 = AdaptiveAvgPool2dConfig::new([1, 1]).init();
        let conv2d42 = Conv2dConfig::new([96, 24], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d43 = Conv2dConfig::new([24, 96], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d44 = Conv2dConfig::new([18, 96], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let globalaveragepool5 = AdaptiveAvgPool2dConfig::new([1, 1]).init();
        let conv2d45 = Conv2dConfig::new([96, 24], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d46 = Conv2dConfig::new([24, 96], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d47 = Conv2dConfig::new([12, 96], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let globalaveragepool6 = AdaptiveAvgPool2dConfig::new([1, 1]).init();
        let conv2d48 = Conv2dConfig::new([96, 24], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d49 = Conv2dConfig::new([24, 96], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let resize1 = burn::nn::interpolate::Interpolate2dConfig::new()
            .with_output_size(None)
            .with_scale_factor(Some([2.0, 2.0]))
            .with_mode(burn::nn::interpolate::InterpolateMode::Nearest)
            .with_align_corners(false)
            .init();
        let resize2 = burn::nn::interpolate::Interpolate2dConfig::new()
            .with_output_size(None)
            .with_scale_factor(Some([2.0, 2.0]))
            .with_mode(burn::nn::interpolate::InterpolateMode::Nearest)
            .with_align_corners(false)
            .init();
        let resize3 = burn::nn::interpolate::Interpolate2dConfig::new()
            .with_output_size(None)
            .with_scale_factor(Some([2.0, 2.0]))
            .with_mode(burn::nn::interpolate::InterpolateMode::Nearest)
            .with_align_corners(false)
            .init();
        let conv2d50 = Conv2dConfig::new([96, 24], [3, 3])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let globalaveragepool7 = AdaptiveAvgPool2dConfig::new([1, 1]).init();
        let conv2d51 = Conv2dConfig::new([24, 6], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d52 = Conv2dConfig::new([6, 24], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d53 = Conv2dConfig::new([96, 24], [3, 3])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let globalaveragepool8 = AdaptiveAvgPool2dConfig::new([1, 1]).init();
        let conv2d54 = Conv2dConfig::new([24, 6], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d55 = Conv2dConfig::new([6, 24], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d56 = Conv2dConfig::new([96, 24], [3, 3])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let globalaveragepool9 = AdaptiveAvgPool2dConfig::new([1, 1]).init();
        let conv2d57 = Conv2dConfig::new([24, 6], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d58 = Conv2dConfig::new([6, 24], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d59 = Conv2dConfig::new([96, 24], [3, 3])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let globalaveragepool10 = AdaptiveAvgPool2dConfig::new([1, 1]).init();
        let conv2d60 = Conv2dConfig::new([24, 6], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let conv2d61 = Conv2dConfig::new([6, 24], [1, 1])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Valid)
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(true)
            .init(device);
        let resize4 = burn::nn::interpolate::Interpolate2dConfig::new()
            .with_output_size(None)
            .with_scale_factor(Some([8.0, 8.0]))
            .with_mode(burn::nn::interpolate::InterpolateMode::Nearest)
            .with_align_corners(false)
            .init();
        let resize5 = burn::nn::interpolate::Interpolate2dConfig::new()
            .with_output_size(None)
            .with_scale_factor(Some([4.0, 4.0]))
            .with_mode(burn::nn::interpolate::InterpolateMode::Nearest)
            .with_align_corners(false)
            .init();
        let resize6 = burn::nn::interpolate::Interpolate2dConfig::new()
            .with_output_size(None)
            .with_scale_factor(Some([2.0, 2.0]))
            .with_mode(burn::nn::interpolate::InterpolateMode::Nearest)
            .with_align_corners(false)
            .init();
        let conv2d62 = Conv2dConfig::new([96, 24], [3, 3])
            .with_stride([1, 1])
            .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let batchnormalization2 = BatchNormConfig::new(24)
            .with_epsilon(0.000009999999747378752f64)
            .with_momentum(0.8999999761581421f64)
            .init(device);
        let convtranspose2d1 = ConvTranspose2dConfig::new([24, 24], [2, 2])
            .with_stride([2, 2])
            .with_padding([0, 0])
            .with_padding_out([0, 0])
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let constant127: burn::module::Param<Tensor<4>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                4,
            >::zeros([1, 24, 1, 1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1, 24, 1, 1].into(),
        );
        let batchnormalization3 = BatchNormConfig::new(24)
            .with_epsilon(0.000009999999747378752f64)
            .with_momentum(0.8999999761581421f64)
            .init(device);
        let convtranspose2d2 = ConvTranspose2dConfig::new([24, 1], [2, 2])
            .with_stride([2, 2])
            .with_padding([0, 0])
            .with_padding_out([0, 0])
            .with_dilation([1, 1])
            .with_groups(1)
            .with_bias(false)
            .init(device);
        let constant129: burn::module::Param<Tensor<4>> = burn::module::Param::uninitialized(
            burn::module::ParamId::new(),
            move |device, _require_grad| Tensor::<
                4,
            >::zeros([1, 1, 1, 1], (device, burn::tensor::DType::F32)),
            device.clone(),
            false,
            [1, 1, 1, 1].into(),
        );
        Self {
            constant327,
            constant223,
            constant224,
            conv2d34,
            conv2d35,
            conv2d36,
            conv2d37,
            conv2d38,
            globalaveragepool3,
            conv2d39,
            conv2d40,
            conv2d41,
            globalaveragepool4,
            conv2d42,
            conv2d43,
            conv2d44,
            globalaveragepool5,
            conv2d45,
            conv2d46,
            conv2d47,
            globalaveragepool6,
            conv2d48,
            conv2d49,
            resize1,
            resize2,
            resize3,
            conv2d50,
            globalaveragepool7,
            conv2d51,
            conv2d52,
            conv2d53,
            globalaveragepool8,
            conv2d54,
            conv2d55,
            conv2d56,
            globalaveragepool9,
            conv2d57,
            conv2d58,
            conv2d59,
            globalaveragepool10,
            conv2d60,
            conv2d61,
            resize4,
            resize5,
            resize6,
            conv2d62,
            batchnormalization2,
            convtranspose2d1,
            constant127,
            batchnormalization3,
            convtranspose2d2,
            constant129,
            device: device.clone(),
        }
    }
    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(
        &self,
        mul77_out1: Tensor<4>,
        add16_out1: Tensor<4>,
        add26_out1: Tensor<4>,
        add54_out1: Tensor<4>,
    ) -> Tensor<4> {
        let constant327_out1 = self.constant327.val();
        let div24_out1 = mul77_out1
            .div((constant327_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let constant223_out1 = self.constant223.val();
        let mul78_out1 = (constant223_out1)
            .unsqueeze_dims(&[0isize, 1isize, 2isize])
            .mul(div24_out1);
        let constant224_out1 = self.constant224.val();
        let add76_out1 = mul78_out1
            .add((constant224_out1).unsqueeze_dims(&[0isize, 1isize, 2isize]));
        let conv2d34_out1 = self.conv2d34.forward(add16_out1);
        let conv2d35_out1 = self.conv2d35.forward(add26_out1);
        let conv2d36_out1 = self.conv2d36.forward(add54_out1);
        let conv2d37_out1 = self.conv2d37.forward(add76_out1);
        let conv2d38_out1 = self.conv2d38.forward(conv2d37_out1);
        let globalaveragepool3_out1 = self
            .globalaveragepool3
            .forward(conv2d38_out1.clone());
        let conv2d39_out1 = self.conv2d39.forward(globalaveragepool3_out1);
        let relu3_out1 = burn::tensor::activation::relu(conv2d39_out1);
        let conv2d40_out1 = self.conv2d40.forward(relu3_out1);
        let hardsigmoid3_out1 = burn::tensor::activation::hard_sigmoid(
            conv2d40_out1,
            0.20000000298023224,
            0.5,
        );
        let mul79_out1 = conv2d38_out1.clone().mul(hardsigmoid3_out1);
        let add77_out1 = conv2d38_out1.add(mul79_out1);
        let conv2d41_out1 = self.conv2d41.forward(conv2d36_out1);
        let globalaveragepool4_out1 = self
            .globalaveragepool4
            .forward(conv2d41_out1.clone());
        let conv2d42_out1 = self.conv2d42.forward(globalaveragepool4_out1);
        let relu4_out1 = burn::tensor::activation::relu(conv2d42_out1);
        let conv2d43_out1 = self.conv2d43.forward(relu4_out1);
        let hardsigmoid4_out1 = burn::tensor::activation::hard_sigmoid(
            conv2d43_out1,
            0.20000000298023224,
            0.5,
        );
        let mul80_out1 = conv2d41_out1.clone().mul(hardsigmoid4_out1);
        let add78_out1 = conv2d41_out1.add(mul80_out1);
        let conv2d44_out1 = self.conv2d44.forward(conv2d35_out1);
        let globalaveragepool5_out1 = self
            .globalaveragepool5
            .forward(conv2d44_out1.clone());
        let conv2d45_out1 = self.conv2d45.forward(globalaveragepool5_out1);
        let relu5_out1 = burn::tensor::activation::relu(conv2d45_out1);
        let conv2d46_out1 = self.conv2d46.forward(relu5_out1);
        let hardsigmoid5_out1 = burn::tensor::activation::hard_sigmoid(
            conv2d46_out1,
            0.20000000298023224,
            0.5,
        );
        let mul81_out1 = conv2d44_out1.clone().mul(hardsigmoid5_out1);
        let add79_out1 = conv2d44_out1.add(mul81_out1);
        let conv2d47_out1 = self.conv2d47.forward(conv2d34_out1);
        let globalaveragepool6_out1 = self
            .globalaveragepool6
            .forward(conv2d47_out1.clone());
        let conv2d48_out1 = self.conv2d48.forward(globalaveragepool6_out1);
        let relu6_out1 = burn::tensor::activation::relu(conv2d48_out1);
        let conv2d49_out1 = self.conv2d49.forward(relu6_out1);
        let hardsigmoid6_out1 = burn::tensor::activation::hard_sigmoid(
            conv2d49_out1,
            0.20000000298023224,
            0.5,
        );
        let mul82_out1 = conv2d47_out1.clone().mul(hardsigmoid6_out1);
        let add80_out1 = conv2d47_out1.add(mul82_out1);
        let resize1_out1 = self.resize1.forward(add77_out1.clone());
        let add81_out1 = add78_out1.add(resize1_out1);
        let resize2_out1 = self.resize2.forward(add81_out1.clone());
        let add82_out1 = add79_out1.add(resize2_out1);
        let resize3_out1 = self.resize3.forward(add82_out1.clone());
        let add83_out1 = add80_out1.add(resize3_out1);
        let conv2d50_out1 = self.conv2d50.forward(add77_out1);
        let globalaveragepool7_out1 = self
            .globalaveragepool7
            .forward(conv2d50_out1.clone());
        let conv2d51_out1 = self.conv2d51.forward(globalaveragepool7_out1);
        let relu7_out1 = burn::tensor::activation::relu(conv2d51_out1);
        let conv2d52_out1 = self.conv2d52.forward(relu7_out1);
        let hardsigmoid7_out1 = burn::tensor::activation::hard_sigmoid(
            conv2d52_out1,
            0.20000000298023224,
            0.5,
        );
        let mul83_out1 = conv2d50_out1.clone().mul(hardsigmoid7_out1);
        let add84_out1 = conv2d50_out1.add(mul83_out1);
        let conv2d53_out1 = self.conv2d53.forward(add81_out1);
        let globalaveragepool8_out1 = self
            .globalaveragepool8
            .forward(conv2d53_out1.clone());
        let conv2d54_out1 = self.conv2d54.forward(globalaveragepool8_out1);
        let relu8_out1 = burn::tensor::activation::relu(conv2d54_out1);
        let conv2d55_out1 = self.conv2d55.forward(relu8_out1);
        let hardsigmoid8_out1 = burn::tensor::activation::hard_sigmoid(
            conv2d55_out1,
            0.20000000298023224,
            0.5,
        );
        let mul84_out1 = conv2d53_out1.clone().mul(hardsigmoid8_out1);
        let add85_out1 = conv2d53_out1.add(mul84_out1);
        let conv2d56_out1 = self.conv2d56.forward(add82_out1);
        let globalaveragepool9_out1 = self
            .globalaveragepool9
            .forward(conv2d56_out1.clone());
        let conv2d57_out1 = self.conv2d57.forward(globalaveragepool9_out1);
        let relu9_out1 = burn::tensor::activation::relu(conv2d57_out1);
        let conv2d58_out1 = self.conv2d58.forward(relu9_out1);
        let hardsigmoid9_out1 = burn::tensor::activation::hard_sigmoid(
            conv2d58_out1,
            0.20000000298023224,
            0.5,
        );
        let mul85_out1 = conv2d56_out1.clone().mul(hardsigmoid9_out1);
        let add86_out1 = conv2d56_out1.add(mul85_out1);
        let conv2d59_out1 = self.conv2d59.forward(add83_out1);
        let globalaveragepool10_out1 = self
            .globalaveragepool10
            .forward(conv2d59_out1.clone());
        let conv2d60_out1 = self.conv2d60.forward(globalaveragepool10_out1);
        let relu10_out1 = burn::tensor::activation::relu(conv2d60_out1);
        let conv2d61_out1 = self.conv2d61.forward(relu10_out1);
        let hardsigmoid10_out1 = burn::tensor::activation::hard_sigmoid(
            conv2d61_out1,
            0.20000000298023224,
            0.5,
        );
        let mul86_out1 = conv2d59_out1.clone().mul(hardsigmoid10_out1);
        let add87_out1 = conv2d59_out1.add(mul86_out1);
        let resize4_out1 = self.resize4.forward(add84_out1);
        let resize5_out1 = self.resize5.forward(add85_out1);
        let resize6_out1 = self.resize6.forward(add86_out1);
        let concat1_out1 = burn::tensor::Tensor::cat(
            [resize4_out1, resize5_out1, resize6_out1, add87_out1].into(),
            1,
        );
        let conv2d62_out1 = self.conv2d62.forward(concat1_out1);
        let batchnormalization2_out1 = self.batchnormalization2.forward(conv2d62_out1);
        let relu11_out1 = burn::tensor::activation::relu(batchnormalization2_out1);
        let convtranspose2d1_out1 = self.convtranspose2d1.forward(relu11_out1);
        let constant127_out1 = self.constant127.val();
        let add88_out1 = convtranspose2d1_out1.add(constant127_out1);
        let batchnormalization3_out1 = self.batchnormalization3.forward(add88_out1);
        let relu12_out1 = burn::tensor::activation::relu(batchnormalization3_out1);
        let convtranspose2d2_out1 = self.convtranspose2d2.forward(relu12_out1);
        let constant129_out1 = self.constant129.val();
        let add89_out1 = convtranspose2d2_out1.add(constant129_out1);
        let sigmoid1_out1 = burn::tensor::activation::sigmoid(add89_out1);
        sigmoid1_out1
    }
}

#[derive(Module, Debug)]
pub struct Model {
    submodule1: Submodule1,
    submodule2: Submodule2,
    submodule3: Submodule3,
    submodule4: Submodule4,
    submodule5: Submodule5,
    submodule6: Submodule6,
    submodule7: Submodule7,
    #[module(skip)]
    device: Device,
}


extern crate std;

impl Default for Model {
    fn default() -> Self {
        Self::from_file("out_det/ppocr_v4_det.bpk", &Default::default())
    }
}

impl Model {
    /// Load model weights from a burnpack file.
    pub fn from_file<P: AsRef<std::path::Path>>(file: P, device: &Device) -> Self {
        let mut model = Self::new(device);
        let mut store = BurnpackStore::from_file(&file);
        model
            .load_from(&mut store)
            .unwrap_or_else(|e| {
                panic!("Failed to load burnpack file {}: {e}", file.as_ref().display())
            });
        model
    }

    /// Load model weights from in-memory bytes.
    ///
    /// The bytes must be the contents of a `.bpk` file.
    pub fn from_bytes(bytes: Bytes, device: &Device) -> Self {
        let mut model = Self::new(device);
        let mut store = BurnpackStore::from_bytes(Some(bytes));
        model
            .load_from(&mut store)
            .unwrap_or_else(|e| panic!("Failed to load burnpack bytes: {e}"));
        model
    }
}

impl Model {
    #[allow(unused_variables)]
    pub fn new(device: &Device) -> Self {
        let submodule1 = Submodule1::new(device);
        let submodule2 = Submodule2::new(device);
        let submodule3 = Submodule3::new(device);
        let submodule4 = Submodule4::new(device);
        let submodule5 = Submodule5::new(device);
        let submodule6 = Submodule6::new(device);
        let submodule7 = Submodule7::new(device);
        Self {
            submodule1,
            submodule2,
            submodule3,
            submodule4,
            submodule5,
            submodule6,
            submodule7,
            device: device.clone(),
        }
    }

    #[allow(clippy::let_and_return, clippy::approx_constant)]
    pub fn forward(&self, x: Tensor<4>) -> Tensor<4> {
        let mul13_out1 = self.submodule1.forward(x);
        let (mul26_out1, add16_out1) = self.submodule2.forward(mul13_out1);
        let (mul39_out1, add26_out1) = self.submodule3.forward(mul26_out1);
        let mul52_out1 = self.submodule4.forward(mul39_out1);
        let (add62_out1, add54_out1) = self.submodule5.forward(mul52_out1);
        let mul77_out1 = self.submodule6.forward(add62_out1);
        let sigmoid1_out1 = self
            .submodule7
            .forward(mul77_out1, add16_out1, add26_out1, add54_out1);
        sigmoid1_out1
    }
}
